import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LOADED_PLUGINS, type LoadedPlugins } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import type { PluginManifest } from '@switchboard/plugin-sdk';

@ApiTags('plugins')
@ApiBearerAuth()
@Controller('api/plugins')
export class PluginsController {
  constructor(@Inject(LOADED_PLUGINS) private readonly plugins: LoadedPlugins) {}

  @Get()
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Plugins loaded at boot: manifest, source and default settings (admins)' })
  list(): { entry: string; manifest: PluginManifest; defaultSettings: unknown }[] {
    return this.plugins.map((p) => ({
      entry: p.entry,
      manifest: p.manifest,
      defaultSettings: p.defaultSettings,
    }));
  }
}
