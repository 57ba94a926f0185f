export { AppModule } from './app.module';
export type { AppRoles } from './app.module';
export { createApp } from './create-app';
export { CORE_ENTITIES } from './entities';
