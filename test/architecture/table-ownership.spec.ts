import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Each library owns its tables (issue 12): another library reads them through the owner's exported services or
// events, never its SQL. The owners are written here by hand from the migrations and entities, on purpose: the test
// must not trust the product's own metadata to decide who owns what.
const OWNERS: Record<string, string> = {
  // engine
  outbox: 'engine',
  domain_events: 'engine',
  domain_event_cursors: 'engine',
  socket_io_attachments: 'engine',
  plugin_installations: 'engine',
  plugin_hook_failures: 'engine',
  plugin_store: 'engine',
  plugin_jobs: 'engine',
  plugin_hook_runs: 'engine',
  agent_connections: 'engine',
  timers: 'engine',
  // identity
  users: 'identity',
  sessions: 'identity',
  user_tokens: 'identity',
  user_identities: 'identity',
  mfa_challenges: 'identity',
  login_attempts: 'identity',
  api_tokens: 'identity',
  audit_events: 'identity',
  department_memberships: 'identity',
  teams: 'identity',
  team_members: 'identity',
  agent_presence: 'identity',
  agent_availability_changes: 'identity',
  agent_department_settings: 'identity',
  // pipelines
  departments: 'pipelines',
  department_calendars: 'pipelines',
  pipelines: 'pipelines',
  pipeline_stages: 'pipelines',
  pipeline_fields: 'pipelines',
  cards: 'pipelines',
  card_events: 'pipelines',
  // conversations
  contacts: 'conversations',
  conversations: 'conversations',
  messages: 'conversations',
  message_status_events: 'conversations',
  conversation_policies: 'conversations',
  conversation_reads: 'conversations',
  quick_replies: 'conversations',
  // channels
  whatsapp_numbers: 'channels',
  number_events: 'channels',
  number_watches: 'channels',
  number_alerts: 'channels',
  inbound_events: 'channels',
  whatsapp_account_events: 'channels',
  message_templates: 'channels',
  message_template_syncs: 'channels',
  marketing_consents: 'channels',
  media_uploads: 'channels',
  marketing_consent_changes: 'channels',
  // assignment
  assignment_queues: 'assignment',
  assignment_agent_marks: 'assignment',
  // routing
  routing_rules: 'routing',
  routing_decisions: 'routing',
  // reporting
  report_conversations: 'reporting',
  report_responses: 'reporting',
  report_durations_daily: 'reporting',
  report_sla_outcomes: 'reporting',
  report_volume_hourly: 'reporting',
  report_volume_messages: 'reporting',
  // sla (escalations and the reply window)
  sla_escalations_applied: 'sla',
  sla_window_notices: 'sla',
  // sla
  sla_policies: 'sla',
  // sla (clocks)
  sla_clocks: 'sla',
  sla_clock_transitions: 'sla',
  sla_conversations: 'sla',
};

// Known debts, not permissions: each entry names why it is still here and what removes it. The list only shrinks.
const ALLOWED: Record<string, string[]> = {
  // CARD_SELECT: card reads (board, list, search by contact name, plugin cards, routing's card facts) join the
  // card's conversation and contact in one statement. Next: the contact's name and wa_id kept on the card (from a
  // conversations event) and the number read through CardConversations; then this entry goes.
  'libs/pipelines/src/cards/card-row.ts': ['contacts', 'conversations'],
};

const root = process.cwd();
// Where product code lives; tests, test support and the schema's migrations (the one place that writes every
// table's DDL) are not product reads and writes.
const SCANNED = ['libs', 'apps', 'plugins'];
const SKIPPED = [
  /\.spec\.ts$/,
  /\.d\.ts$/,
  /^libs\/testing\//,
  /^libs\/engine\/src\/persistence\/migrations\//,
  /^apps\/web\//,
  /\/node_modules\//,
  /\/dist\//,
];
// A table named after from / join / into / update in SQL text, quoted or not, schema-qualified or not.
const TABLE_USE = /\b(?:from|join|into|update)\s+(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** The library a file belongs to; apps and plugins own no tables. */
function ownerOfFile(path: string): string {
  const lib = /^libs\/([^/]+)\//.exec(path);
  return lib ? lib[1] : path.split('/').slice(0, 2).join('/');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((path) => !SKIPPED.some((pattern) => pattern.test(path)));
}

/** The text of every string and template literal in a file (template holes read as a space). */
function stringsOf(path: string): string[] {
  const source = ts.createSourceFile(
    path,
    readFileSync(join(root, path), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const texts: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      texts.push([node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' '));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

function allowed(path: string, table: string): boolean {
  return Object.entries(ALLOWED).some(
    ([prefix, tables]) =>
      (path === prefix || (prefix.endsWith('/') && path.startsWith(prefix))) &&
      (tables.includes('*') || tables.includes(table)),
  );
}

/** Every use of another library's table in a file's SQL, as "file: table (owner)". */
function crossLibraryTableUses(paths: string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const self = ownerOfFile(path);
    for (const text of stringsOf(path)) {
      for (const match of text.matchAll(TABLE_USE)) {
        const table = match[1].toLowerCase();
        const owner = OWNERS[table];
        if (owner && owner !== self && !allowed(path, table)) {
          found.add(`${path}: ${table} (owned by ${owner})`);
        }
      }
    }
  }
  return [...found].sort();
}

describe('table ownership', () => {
  it('no library, app or plugin writes SQL against a table another library owns', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    expect(crossLibraryTableUses(files)).toEqual([]);
  });

  it('every table the migrations create has an owner in the hand-written list', () => {
    const migrations = 'libs/engine/src/persistence/migrations';
    const created = new Set<string>();
    for (const entry of readdirSync(join(root, migrations))) {
      if (!entry.startsWith('Migration')) continue;
      // up() only: down() drops what up() creates
      const text = readFileSync(join(root, migrations, entry), 'utf8').split(/\basync down\(/)[0];
      for (const match of text.matchAll(/create table (?:if not exists )?"?([a-z_][a-z0-9_]*)"?/gi)) {
        created.add(match[1].toLowerCase());
      }
      for (const match of text.matchAll(/drop table (?:if exists )?"?([a-z_][a-z0-9_]*)"?/gi)) {
        created.delete(match[1].toLowerCase());
      }
    }
    expect([...created].filter((table) => !(table in OWNERS)).sort()).toEqual([]);
  });
});
