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
] as const;

/** Permissions only admins hold (installation-wide). */
export const ADMIN_PERMISSIONS = [
  'users.manage',
  'audit.read',
  'inbound_events.read',
  'inbound_events.replay',
  'api_tokens.manage',
  'plugins.manage',
] as const;

export const ALL_PERMISSIONS = [...DEPARTMENT_PERMISSIONS, ...ADMIN_PERMISSIONS] as const;

export type DepartmentPermission = (typeof DEPARTMENT_PERMISSIONS)[number];
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];
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
  ],
  agent: ['conversations.read', 'conversations.reply', 'cards.write', 'media.read', 'teams.read'],
  viewer: ['conversations.read', 'media.read', 'teams.read'],
};
