import { newNumericId } from './ids';

export type TemplateStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED'
  | 'PAUSED'
  | 'DISABLED'
  | 'FLAGGED'
  | 'IN_APPEAL'
  | 'REINSTATED'
  | 'LIMIT_EXCEEDED'
  | 'LOCKED'
  | 'PENDING_DELETION'
  | 'ARCHIVED'
  | 'DELETED';

export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';

/** Components in the shape the Graph template-management API returns them. */
export type SandboxTemplateComponent =
  | { type: 'HEADER'; format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION'; text?: string }
  | { type: 'BODY'; text: string }
  | { type: 'FOOTER'; text: string }
  | {
      type: 'BUTTONS';
      buttons: Array<{
        type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW' | 'CATALOG' | 'MPM' | 'OTP';
        text: string;
        url?: string;
        phone_number?: string;
        /** FLOW buttons: the flow they open. */
        flow_id?: string;
        /** OTP buttons (authentication templates): COPY_CODE, ONE_TAP or ZERO_TAP. */
        otp_type?: 'COPY_CODE' | 'ONE_TAP' | 'ZERO_TAP';
      }>;
    };

export type TemplateQuality = 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';

export interface SandboxTemplate {
  /** Numeric string; generated when omitted. */
  id?: string;
  /** The WABA that owns it; omitted → a copy is seeded into every configured WABA. */
  wabaId?: string;
  /** Default UNKNOWN (Meta's score for templates that have not been sent enough yet). */
  qualityScore?: TemplateQuality;
  name: string;
  /** Exact language code, e.g. 'pt_BR'. */
  language: string;
  status: TemplateStatus;
  category: TemplateCategory;
  /** POSITIONAL uses {{1}}, {{2}}; NAMED uses {{customer_name}}. Default POSITIONAL. */
  parameterFormat?: 'POSITIONAL' | 'NAMED';
  components: SandboxTemplateComponent[];
}

export function defaultTemplates(): SandboxTemplate[] {
  return [
    {
      name: 'hello_world',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
        {
          type: 'BODY',
          text:
            'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message ' +
            'notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.',
        },
        { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
      ],
    },
    {
      name: 'order_update',
      language: 'pt_BR',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        {
          type: 'BODY',
          text: 'Olá {{1}}, seu pedido {{2}} foi atualizado. Responda para falar com a gente.',
        },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Falar com atendente' }] },
      ],
    },
    {
      name: 'order_update',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [
        { type: 'BODY', text: 'Hi {{1}}, your order {{2}} has been updated. Reply to talk to us.' },
        { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Talk to an agent' }] },
      ],
    },
    {
      name: 'promo_paused',
      language: 'en_US',
      status: 'PAUSED',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Big sale this week: 20% off everything!' }],
    },
  ];
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** Distinct placeholder names in a template text, in order of appearance ('1', '2' or named). */
export function placeholders(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

export type StoredTemplate = SandboxTemplate & {
  id: string;
  wabaId: string;
  parameterFormat: 'POSITIONAL' | 'NAMED';
  qualityScore: TemplateQuality;
  /** Unix seconds of the last quality change (Graph's `quality_score.date`). */
  qualityDate: number;
};

/** What the send validator needs: exact name + language lookup within the sender's WABA. */
export interface TemplateLookup {
  find(name: string, language: string): StoredTemplate | undefined;
}

/** Templates per WABA, each looked up by exact name + language like Meta does. */
export class TemplateCatalog {
  private readonly byWaba = new Map<string, StoredTemplate[]>();

  constructor(
    seed: SandboxTemplate[],
    wabaIds: string[],
    private readonly now: () => number,
  ) {
    for (const wabaId of wabaIds) {
      this.byWaba.set(
        wabaId,
        seed.filter((t) => t.wabaId === undefined || t.wabaId === wabaId).map((t) => this.store(wabaId, t)),
      );
    }
  }

  forWaba(wabaId: string): TemplateLookup & { all(): StoredTemplate[] } {
    const list = this.list(wabaId);
    return {
      find: (name, language) => list.find((t) => t.name === name && t.language === language),
      all: () => [...list],
    };
  }

  byId(wabaId: string, id: string): StoredTemplate | undefined {
    return this.list(wabaId).find((t) => t.id === id);
  }

  add(wabaId: string, template: SandboxTemplate): StoredTemplate {
    const stored = this.store(wabaId, template);
    this.list(wabaId).push(stored);
    return stored;
  }

  private store(wabaId: string, t: SandboxTemplate): StoredTemplate {
    return {
      ...t,
      id: t.id ?? newNumericId(),
      wabaId,
      parameterFormat: t.parameterFormat ?? 'POSITIONAL',
      qualityScore: t.qualityScore ?? 'UNKNOWN',
      qualityDate: Math.floor(this.now() / 1000),
    };
  }

  private list(wabaId: string): StoredTemplate[] {
    let list = this.byWaba.get(wabaId);
    if (!list) {
      list = [];
      this.byWaba.set(wabaId, list);
    }
    return list;
  }
}

/** Graph's representation in GET /{waba}/message_templates. */
export function templateToGraph(t: StoredTemplate): Record<string, unknown> {
  return {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    quality_score: { score: t.qualityScore, date: t.qualityDate },
    id: t.id,
  };
}
