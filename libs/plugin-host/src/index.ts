export { PluginHostModule } from './plugin-host.module';
export { PluginHostWorkerModule } from './plugin-host-worker.module';
