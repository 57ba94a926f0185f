import { Inject, Injectable } from '@nestjs/common';
import { MessageMedia, MessageMediaService } from '@switchboard/conversations';
import { APP_CONFIG, AppConfig } from '@switchboard/engine';
import { createHash } from 'node:crypto';
import { GraphClient } from '../graph/graph-client';
import { GraphError } from '../graph/graph-error';
import { NumberRegistry } from '../numbers/number-registry.service';
import { MediaStore } from './media-store';

/** Downloads an inbound message's media from Meta into our storage (webhook media ids live 7 days). */
@Injectable()
export class MediaDownloadService {
  constructor(
    private readonly messages: MessageMediaService,
    private readonly graph: GraphClient,
    private readonly numbers: NumberRegistry,
    private readonly store: MediaStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns 'retry' when the caller should try again later. */
  async download(
    messageId: string,
    numberId: string,
    finalAttempt: boolean,
  ): Promise<'stored' | 'failed' | 'retry' | 'skipped'> {
    const media = await this.messages.of(messageId);
    if (!media?.metaId || media.state === 'stored') return 'skipped';
    const number = await this.numbers.byId(numberId);
    if (!number) return this.mark(messageId, { state: 'failed', error: 'WhatsApp number is not registered' });
    try {
      const info = await this.graph.mediaInfo(number, media.metaId);
      const { bytes, contentType } = await this.graph.download(number, info.url, this.config.media.maxBytes);
      if (media.sha256) {
        const actual = createHash('sha256').update(bytes).digest('base64');
        if (actual !== media.sha256)
          return this.mark(messageId, {
            state: 'failed',
            error: 'checksum mismatch: the downloaded bytes do not match the webhook sha256',
          });
      }
      const storageKey = await this.store.put(messageId, bytes);
      return this.mark(messageId, {
        state: 'stored',
        storageKey,
        size: bytes.length,
        mimeType: media.mimeType ?? info.mime_type ?? contentType,
        error: undefined,
      });
    } catch (e) {
      if (e instanceof GraphError && e.kind !== 'fail' && !finalAttempt) return 'retry';
      return this.mark(messageId, { state: 'failed', error: (e as Error).message });
    }
  }

  private async mark(messageId: string, patch: Partial<MessageMedia>): Promise<'stored' | 'failed'> {
    await this.messages.patch(messageId, patch);
    return patch.state === 'stored' ? 'stored' : 'failed';
  }
}
