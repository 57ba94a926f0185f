import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions';

export const REQUIRED_PERMISSION = 'switchboard:permission';

/**
 * The permission a route needs. Every route carries either this or @Public(); the access module refuses to boot
 * otherwise, so a new route can never be reachable by accident.
 */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
