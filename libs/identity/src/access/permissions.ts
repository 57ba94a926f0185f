/** Roles a user holds per department. Admin is not a department role: admins hold every permission everywhere. */
export const DEPARTMENT_ROLES = ['supervisor', 'agent', 'viewer'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];

/** Permissions held within a department (through a membership role). */
export const DEPARTMENT_PERMISSIONS = [
  'conversations.read',
  'conversations.reply',
  'cards.write',
  'media.read',
  'teams.read',
  'teams.manage',
  'agents.manage',
  /** Assign a conversation to someone else, or return it to the queue; edit queues. */
  'conversations.assign',
  /** Take over a conversation another agent owns (audited; the previous owner is told). */
  'conversations.take_over',
  /** Edit the department's routing rules. */
  'routing.manage',
] as const;

/**
 * Installation-wide permissions: they act on things no department owns (people, the audit log, credentials, the set
 * of departments itself), so only an unscoped actor holds them: an admin, or a token for all departments. A token
 * scoped to departments never does. `departments.manage` and `numbers.manage` are never
 * given to tokens (admins only).
 */
export const INSTALLATION_PERMISSIONS = [
  'users.manage',
  'audit.read',
  'api_tokens.manage',
  'departments.manage',
  'numbers.manage',
] as const;

/**
 * Admin permissions over things that belong to a department through their WhatsApp number (webhook deliveries, plugin
 * installations): held per department like role permissions, so a scoped actor acts within its departments only.
 */
export const NUMBER_PERMISSIONS = ['inbound_events.read', 'inbound_events.replay', 'plugins.manage'] as const;

/** Permissions only admins hold (no department role includes them). */
export const ADMIN_PERMISSIONS = [...INSTALLATION_PERMISSIONS, ...NUMBER_PERMISSIONS] as const;

export const ALL_PERMISSIONS = [...DEPARTMENT_PERMISSIONS, ...ADMIN_PERMISSIONS] as const;

export type DepartmentPermission = (typeof DEPARTMENT_PERMISSIONS)[number];
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];
export type InstallationPermission = (typeof INSTALLATION_PERMISSIONS)[number];
/** A permission held per department: by role, or (admin kinds) through a number of the department. */
export type ScopedPermission = DepartmentPermission | (typeof NUMBER_PERMISSIONS)[number];
export type Permission = DepartmentPermission | AdminPermission;

/** The one table of who may do what. Routes name a permission; nothing else decides access. */
export const ROLE_PERMISSIONS: Record<DepartmentRole, readonly DepartmentPermission[]> = {
  supervisor: [
    'conversations.read',
    'conversations.reply',
    'cards.write',
    'media.read',
    'teams.read',
    'teams.manage',
    'agents.manage',
    'conversations.assign',
    'conversations.take_over',
    'routing.manage',
  ],
  agent: ['conversations.read', 'conversations.reply', 'cards.write', 'media.read', 'teams.read'],
  viewer: ['conversations.read', 'media.read', 'teams.read'],
};
