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
        type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW';
        text: string;
        url?: string;
        phone_number?: string;
      }>;
    };

export interface SandboxTemplate {
  /** Numeric string; generated when omitted. */
  id?: string;
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

export type StoredTemplate = SandboxTemplate & { id: string; parameterFormat: 'POSITIONAL' | 'NAMED' };

/** The WABA's approved-or-not template set, looked up by exact name + language like Meta does. */
export class TemplateCatalog {
  private readonly templates: StoredTemplate[];

  constructor(templates: SandboxTemplate[]) {
    this.templates = templates.map((t) => ({
      ...t,
      id: t.id ?? newNumericId(),
      parameterFormat: t.parameterFormat ?? 'POSITIONAL',
    }));
  }

  find(name: string, language: string): StoredTemplate | undefined {
    return this.templates.find((t) => t.name === name && t.language === language);
  }

  all(): StoredTemplate[] {
    return [...this.templates];
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
    id: t.id,
  };
}
