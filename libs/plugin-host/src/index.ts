export { PluginHostModule } from './plugin-host.module';
