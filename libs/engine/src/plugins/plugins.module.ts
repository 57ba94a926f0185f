import { DynamicModule, Global, Module } from '@nestjs/common';
import type { LoadedPlugin } from './load-plugins';
import { LOADED_PLUGINS } from './loaded-plugins';
import { PluginHookRunsService } from './plugin-hook-runs.service';
import { PluginHooksService } from './plugin-hooks.service';
import { PluginInstallationsService } from './plugin-installations.service';
import { PluginStoreService } from './plugin-store.service';

/** The plugin runtime inside a process: the loaded plugins, their installations per number, hook dispatch. */
@Global()
@Module({})
export class PluginsModule {
  static forRoot(plugins: LoadedPlugin[]): DynamicModule {
    return {
      module: PluginsModule,
      providers: [
        { provide: LOADED_PLUGINS, useValue: plugins },
        PluginInstallationsService,
        PluginStoreService,
        PluginHooksService,
        PluginHookRunsService,
      ],
      exports: [LOADED_PLUGINS, PluginInstallationsService, PluginHooksService, PluginHookRunsService],
    };
  }
}
