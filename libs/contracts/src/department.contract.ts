import { z } from 'zod';
import { type BusinessHours, businessHoursSchema } from './business-hours.contract';

/** A department key: a lowercase slug, stable in config and URLs (`sales`, `customer-care`). */
export const departmentKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lowercase slug: a-z first, then a-z, 0-9 or -, at most 40');

const departmentName = z.string().trim().min(1).max(100);

/** POST /api/departments. `membersOnly` given here is the admin's choice: department plugins no longer change it. */
export const createDepartmentRequest = z.strictObject({
  key: departmentKey,
  name: departmentName,
  membersOnly: z.boolean().optional(),
});
export type CreateDepartmentRequest = z.infer<typeof createDepartmentRequest>;

/**
 * PATCH /api/departments/:id: rename, set the members-only flag (which then stands over the plugin's), or set the
 * department's business hours (`{ timezone, days, open, close }`, each bad field named; a field left out takes its
 * default; null: the department plugin's hours, else the default).
 */
export const updateDepartmentRequest = z
  .strictObject({
    name: departmentName.optional(),
    membersOnly: z.boolean().optional(),
    businessHours: businessHoursSchema.nullable().optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.membersOnly !== undefined || v.businessHours !== undefined,
    'give name, membersOnly or businessHours',
  );
export type UpdateDepartmentRequest = z.infer<typeof updateDepartmentRequest>;

/** GET /api/departments: oldest first, keyset-paginated. */
export const listDepartmentsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
});
export type ListDepartmentsQuery = z.infer<typeof listDepartmentsQuery>;

export interface DepartmentNumberView {
  id: string;
  displayPhoneNumber: string;
  phoneNumberId: string;
  health: string;
}

export interface DepartmentView {
  id: string;
  key: string;
  name: string;
  membersOnly: boolean;
  /** True once an admin set `membersOnly`: the department plugin's visibility no longer applies. */
  membersOnlySetByAdmin: boolean;
  archivedAt: string | null;
  createdAt: string;
  numbers: DepartmentNumberView[];
  /** The department plugin running on the department's numbers, if any. */
  plugin: { id: string } | null;
  /** The department's own business hours; null: its department plugin's, else Monday–Friday 09:00–18:00 UTC. */
  businessHours: DepartmentBusinessHours | null;
}

/** When a department answers: open weekdays (0 = Sunday) and one daily opening, in an IANA time zone. */
export type DepartmentBusinessHours = BusinessHours;
