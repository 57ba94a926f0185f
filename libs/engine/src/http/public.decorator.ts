import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'switchboard:public';

/** Marks a route as reachable without credentials (webhooks, health). Everything else is denied by default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
