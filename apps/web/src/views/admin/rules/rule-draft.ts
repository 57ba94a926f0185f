import type { RoutingActions, RoutingConditions } from '@switchboard/contracts';
import type { paths } from '../../../api/schema';

// A routing rule as the form holds it (lists as comma-separated text, "" for "not set"), and back. What the form
// does not edit (card and contact-attribute conditions, number lists, field values, template parameters) is kept
// as the rule had it, so saving an edited rule never drops it.

export type CreateRuleBody =
  paths['/api/departments/{id}/routing-rules']['post']['requestBody']['content']['application/json'];
export type Trigger = NonNullable<CreateRuleBody['trigger']>;
export type Priority = NonNullable<RoutingActions['priority']>;

export interface RuleDraft {
  name: string;
  trigger: Trigger;
  numberId: string;
  enabled: boolean;
  stop: boolean;
  keywords: string;
  pattern: string;
  languages: string;
  within: '' | 'business_hours' | 'outside_business_hours';
  countries: string;
  phonePrefixes: string;
  isNew: '' | 'yes' | 'no';
  intent: string;
  transferTo: string;
  teamId: string;
  priority: '' | Priority;
  labels: string;
  skills: string;
  assignTo: string;
  stage: string;
  replyKind: '' | 'text' | 'template';
  replyText: string;
  templateName: string;
  templateLanguage: string;
  /** What the form does not show, kept from the rule being edited. */
  keptConditions: Pick<RoutingConditions, 'card' | 'numberIds'> & { attributes?: Record<string, unknown> };
  keptActions: Pick<RoutingActions, 'setFields'> & { templateParameters?: string[] };
}

export const emptyRule = (): RuleDraft => ({
  name: '',
  trigger: 'conversation_opened',
  numberId: '',
  enabled: true,
  stop: false,
  keywords: '',
  pattern: '',
  languages: '',
  within: '',
  countries: '',
  phonePrefixes: '',
  isNew: '',
  intent: '',
  transferTo: '',
  teamId: '',
  priority: '',
  labels: '',
  skills: '',
  assignTo: '',
  stage: '',
  replyKind: '',
  replyText: '',
  templateName: '',
  templateLanguage: '',
  keptConditions: {},
  keptActions: {},
});

const list = (text: string): string[] | undefined => {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};
const joined = (items: readonly string[] | undefined): string => (items ?? []).join(', ');
/** Drops the keys whose value is undefined, so the api sees only what was given. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function draftOf(rule: {
  name: string;
  trigger: Trigger;
  numberId: string | null;
  enabled: boolean;
  stop: boolean;
  conditions: RoutingConditions;
  actions: RoutingActions;
}): RuleDraft {
  const c = rule.conditions;
  const a = rule.actions;
  const reply = a.autoReply;
  return {
    name: rule.name,
    trigger: rule.trigger,
    numberId: rule.numberId ?? '',
    enabled: rule.enabled,
    stop: rule.stop,
    keywords: joined(c.text?.keywords),
    pattern: c.text?.pattern ?? '',
    languages: joined(c.language),
    within: c.time?.within ?? '',
    countries: joined(c.contact?.country),
    phonePrefixes: joined(c.contact?.phonePrefix),
    isNew: c.contact?.isNew === undefined ? '' : c.contact.isNew ? 'yes' : 'no',
    intent: c.intent ?? '',
    transferTo: a.transfer?.departmentId ?? '',
    teamId: a.team?.teamId ?? '',
    priority: a.priority ?? '',
    labels: joined(a.labels?.add),
    skills: joined(a.requireSkills),
    assignTo: a.assign?.userId ?? '',
    stage: a.stage ?? '',
    replyKind: reply?.template ? 'template' : reply?.text ? 'text' : '',
    replyText: reply?.text ?? '',
    templateName: reply?.template?.name ?? '',
    templateLanguage: reply?.template?.language ?? '',
    keptConditions: defined({
      card: c.card,
      numberIds: c.numberIds,
      attributes: c.contact?.attributes,
    }),
    keptActions: defined({ setFields: a.setFields, templateParameters: reply?.template?.parameters }),
  };
}

/** The rule's body for POST or PUT: only what is set; the api checks the rest and names each problem's path. */
export function bodyOf(d: RuleDraft): CreateRuleBody {
  const keywords = list(d.keywords);
  const pattern = d.pattern.trim() || undefined;
  const kept = d.keptConditions;
  const contact = defined({
    country: list(d.countries),
    phonePrefix: list(d.phonePrefixes),
    isNew: d.isNew === '' ? undefined : d.isNew === 'yes',
    attributes: kept.attributes as Record<string, string | number | boolean> | undefined,
  });
  const conditions: RoutingConditions = defined({
    text: keywords || pattern ? defined({ keywords, pattern }) : undefined,
    language: list(d.languages),
    time: d.within ? { within: d.within } : undefined,
    contact: Object.keys(contact).length ? contact : undefined,
    card: kept.card,
    intent: d.intent.trim() || undefined,
    numberIds: kept.numberIds,
  });
  const labels = list(d.labels);
  const parameters = d.keptActions.templateParameters;
  const actions: RoutingActions = defined({
    transfer: d.transferTo ? { departmentId: d.transferTo } : undefined,
    team: d.teamId ? { teamId: d.teamId } : undefined,
    priority: d.priority || undefined,
    labels: labels ? { add: labels } : undefined,
    requireSkills: list(d.skills),
    assign: d.assignTo ? { userId: d.assignTo } : undefined,
    stage: d.stage || undefined,
    setFields: d.keptActions.setFields,
    autoReply:
      d.replyKind === 'text'
        ? { text: d.replyText }
        : d.replyKind === 'template'
          ? {
              template: defined({
                name: d.templateName.trim(),
                language: d.templateLanguage.trim(),
                parameters,
              }),
            }
          : undefined,
  });
  return {
    name: d.name.trim(),
    trigger: d.trigger,
    numberId: d.numberId || null,
    enabled: d.enabled,
    stop: d.stop,
    conditions,
    actions,
  };
}

/** The form fields, each named by the api path its problems come back under. */
export const RULE_FIELDS = [
  'name',
  'trigger',
  'numberId',
  'conditions.text.keywords',
  'conditions.text.pattern',
  'conditions.language',
  'conditions.time.within',
  'conditions.contact.country',
  'conditions.contact.phonePrefix',
  'conditions.contact.isNew',
  'conditions.intent',
  'actions.transfer.departmentId',
  'actions.team.teamId',
  'actions.priority',
  'actions.labels.add',
  'actions.requireSkills',
  'actions.assign.userId',
  'actions.stage',
  'actions.autoReply.text',
  'actions.autoReply.template',
] as const;

/** The field an api problem belongs to: the longest form field its path starts with (or a whole group's first). */
export function fieldOfRulePath(path: string): string | undefined {
  const exact = [...RULE_FIELDS]
    .filter((f) => path === f || path.startsWith(`${f}.`))
    .sort((a, b) => b.length - a.length)[0];
  if (exact) return exact;
  if (path === 'conditions.text') return 'conditions.text.keywords';
  if (path === 'actions.autoReply') return 'actions.autoReply.text';
  return undefined;
}
