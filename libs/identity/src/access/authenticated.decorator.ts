import { SetMetadata } from '@nestjs/common';
import { REQUIRED_PERMISSION } from './require-permission.decorator';

/** Any signed-in actor, whatever their roles (their own profile, their own sessions). */
export const AUTHENTICATED = 'authenticated';
export const Authenticated = () => SetMetadata(REQUIRED_PERMISSION, AUTHENTICATED);
