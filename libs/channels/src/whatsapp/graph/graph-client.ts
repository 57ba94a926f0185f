import { Injectable } from '@nestjs/common';
import { EgressDeniedError, EgressGuard } from '@switchboard/engine';
import { openAsBlob } from 'node:fs';
import { FormData } from 'undici';
import { NumberCredentials } from '../numbers/number-registry.service';
import { classifyGraphError, GraphError, isPreSendNetworkError } from './graph-error';

interface GraphErrorBody {
  error?: {
    code?: number;
    error_subcode?: number;
    message?: string;
    error_data?: { details?: string };
    error_user_msg?: string;
  };
}

/** Where and as whom a Graph call is made: a stored number, or one being registered. */
export type GraphTarget = Pick<NumberCredentials, 'graphBaseUrl' | 'graphVersion' | 'accessToken'>;

/** The phone number's fields a connection test reads (Meta's names). */
export interface PhoneNumberFields {
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  messaging_limit_tier?: string;
  name_status?: string;
  throughput?: { level?: string };
}

const PHONE_NUMBER_FIELDS =
  'display_phone_number,verified_name,quality_rating,throughput,messaging_limit_tier,name_status';

const TEMPLATE_FIELDS = 'id,name,language,status,category,quality_score,components,parameter_format';

/** A page of GET /{waba-id}/message_templates as Meta answers it (unchecked: the caller validates it). */
export interface MessageTemplatesPage {
  data?: unknown;
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

/** Meta's answer to a template creation (unchecked: the caller validates it). */
export interface CreatedTemplate {
  id?: unknown;
  status?: unknown;
  category?: unknown;
}

export interface SendResult {
  wamid: string;
  messageStatus?: string;
}

export interface MediaInfo {
  url: string;
  mime_type?: string;
  sha256?: string;
  file_size?: number;
}

/** Meta Graph API calls for one number, always through the egress guard. */
@Injectable()
export class GraphClient {
  constructor(private readonly egress: EgressGuard) {}

  async sendMessage(number: NumberCredentials, body: Record<string, unknown>): Promise<SendResult> {
    const json = await this.call<{ messages?: { id: string; message_status?: string }[] }>(
      number,
      'POST',
      `/${number.phoneNumberId}/messages`,
      body,
    );
    const first = json.messages?.[0];
    if (!first?.id)
      throw new GraphError(
        'unknown',
        null,
        'Meta answered without a message id',
        JSON.stringify(json).slice(0, 300),
        200,
      );
    return { wamid: first.id, messageStatus: first.message_status };
  }

  /** GET /{phone-number-id}: proves the token reaches the number, and reads what Meta reports about it. */
  async phoneNumber(target: GraphTarget, phoneNumberId: string): Promise<PhoneNumberFields> {
    return this.call<PhoneNumberFields>(
      target,
      'GET',
      `/${encodeURIComponent(phoneNumberId)}?fields=${PHONE_NUMBER_FIELDS}`,
    );
  }

  /** GET /{waba-id}/subscribed_apps: the apps that receive the WABA's webhooks. */
  async subscribedApps(target: GraphTarget, wabaId: string): Promise<{ data?: unknown[] }> {
    return this.call<{ data?: unknown[] }>(target, 'GET', `/${encodeURIComponent(wabaId)}/subscribed_apps`);
  }

  /** POST /{waba-id}/subscribed_apps: subscribes the token's app to the WABA's webhooks. */
  async subscribeApp(target: GraphTarget, wabaId: string): Promise<{ success?: boolean }> {
    return this.call<{ success?: boolean }>(target, 'POST', `/${encodeURIComponent(wabaId)}/subscribed_apps`);
  }

  /**
   * One page of GET /{waba-id}/message_templates. The next page is asked for with `paging.cursors.after` on the
   * configured Graph address rather than by following `paging.next`, so the token never goes to a URL Meta's
   * answer chose.
   */
  async messageTemplates(
    target: GraphTarget,
    wabaId: string,
    after: string | null,
    limit: number,
  ): Promise<MessageTemplatesPage> {
    const query = new URLSearchParams({ fields: TEMPLATE_FIELDS, limit: String(limit) });
    if (after !== null) query.set('after', after);
    return this.call<MessageTemplatesPage>(
      target,
      'GET',
      `/${encodeURIComponent(wabaId)}/message_templates?${query.toString()}`,
    );
  }

  /**
   * POST /{waba-id}/message_templates: submits a new template for review. Meta answers its id, status (PENDING, or
   * APPROVED/REJECTED when it decides at once) and category.
   */
  async createMessageTemplate(
    target: GraphTarget,
    wabaId: string,
    body: Record<string, unknown>,
  ): Promise<CreatedTemplate> {
    return this.call<CreatedTemplate>(
      target,
      'POST',
      `/${encodeURIComponent(wabaId)}/message_templates`,
      body,
    );
  }

  async mediaInfo(number: NumberCredentials, mediaId: string): Promise<MediaInfo> {
    return this.call<MediaInfo>(
      number,
      'GET',
      `/${encodeURIComponent(mediaId)}?phone_number_id=${number.phoneNumberId}`,
    );
  }

  /**
   * POST /{phone-number-id}/media (multipart: messaging_product, type, file) → Meta's media id. The file is read from
   * disk as it is sent, never held in memory whole.
   */
  async uploadMedia(
    number: NumberCredentials,
    file: { path: string; mimeType: string; fileName: string },
  ): Promise<{ id: string }> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.mimeType);
    form.append('file', await openAsBlob(file.path, { type: file.mimeType }), file.fileName);
    const json = await this.exchange<{ id?: unknown }>(
      number,
      'POST',
      `/${encodeURIComponent(number.phoneNumberId)}/media`,
      form,
      {},
    );
    if (typeof json.id !== 'string' || !json.id)
      throw new GraphError('unknown', null, 'Meta answered the upload without a media id', undefined, 200);
    return { id: json.id };
  }

  /** Downloads media bytes from the short-lived URL; the URL is only valid with the number's token. */
  async download(
    number: NumberCredentials,
    url: string,
    maxBytes: number,
  ): Promise<{ bytes: Buffer; contentType: string | undefined }> {
    const res = await this.egress.request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${number.accessToken}` },
    });
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new GraphError(
        res.statusCode === 401 ? 'token_invalid' : 'retry',
        null,
        `media download answered HTTP ${res.statusCode}`,
        undefined,
        res.statusCode,
      );
    }
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      await res.body.dump();
      throw new GraphError(
        'fail',
        null,
        `media is ${declared} bytes, over media.maxBytes (${maxBytes})`,
        undefined,
        200,
      );
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes)
        throw new GraphError('fail', null, `media exceeds media.maxBytes (${maxBytes})`, undefined, 200);
      chunks.push(chunk as Buffer);
    }
    const type = res.headers['content-type'];
    return { bytes: Buffer.concat(chunks), contentType: Array.isArray(type) ? type[0] : type };
  }

  private async call<T>(
    number: GraphTarget,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    return this.exchange<T>(number, method, path, body === undefined ? undefined : JSON.stringify(body), {
      'content-type': 'application/json',
    });
  }

  /** One Graph request with the number's token; a multipart body sets its own content type. */
  private async exchange<T>(
    number: GraphTarget,
    method: 'GET' | 'POST',
    path: string,
    body: string | FormData | undefined,
    headers: Record<string, string>,
  ): Promise<T> {
    const url = `${number.graphBaseUrl.replace(/\/$/, '')}/${number.graphVersion}${path}`;
    let res;
    try {
      res = await this.egress.request(url, {
        method,
        headers: { authorization: `Bearer ${number.accessToken}`, ...headers },
        body,
      });
    } catch (e) {
      if (e instanceof EgressDeniedError) throw new GraphError('fail', null, e.message, undefined, null);
      if (isPreSendNetworkError(e))
        throw new GraphError('retry', null, `Graph unreachable: ${(e as Error).message}`, undefined, null);
      throw new GraphError(
        'unknown',
        null,
        `no response from Graph: ${(e as Error).message}`,
        undefined,
        null,
      );
    }
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = {};
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return json as T;
    const err = (json as GraphErrorBody).error;
    const code = typeof err?.code === 'number' ? err.code : null;
    throw new GraphError(
      classifyGraphError(code, res.statusCode),
      code,
      err?.message ?? `HTTP ${res.statusCode}`,
      err?.error_data?.details ?? err?.error_user_msg,
      res.statusCode,
      typeof err?.error_subcode === 'number' ? err.error_subcode : null,
    );
  }
}
