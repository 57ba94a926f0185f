import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NumberPluginsView,
  PluginHookFailureView,
  pluginInstallationRequest,
  PluginInstallationRequest,
  PluginInstallationView,
} from '@switchboard/contracts';
import {
  InstallationRow,
  PluginHooksService,
  PluginInstallationsService,
  requestBodySchema,
  ZodValidationPipe,
} from '@switchboard/engine';
import { PluginActivationService } from '@switchboard/pipelines';
import { AuditLog, RequirePermission } from '@switchboard/identity';
import { numberPluginsView } from './number-plugins.view';
import { PluginNumberScope } from './plugin-number-scope.service';
import { NumberPluginsDto, PluginInstallationDto } from './plugin-responses.dto';

const toView = (r: InstallationRow): PluginInstallationView => ({
  id: r.id,
  pluginId: r.plugin_id,
  numberId: r.number_id,
  enabled: r.enabled,
  settings: r.settings,
  credentials: r.credential_keys,
  updatedAt: new Date(r.updated_at).toISOString(),
});

@ApiTags('plugins')
@ApiBearerAuth()
@Controller('api')
export class PluginInstallationsController {
  constructor(
    private readonly installations: PluginInstallationsService,
    private readonly activation: PluginActivationService,
    private readonly audit: AuditLog,
    private readonly hooks: PluginHooksService,
    private readonly numbers: PluginNumberScope,
  ) {}

  @Get('plugin-installations')
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Which plugin is active on which WhatsApp number, with its settings' })
  async list(): Promise<PluginInstallationView[]> {
    const mine = await this.numbers.numbers();
    return (await this.installations.list()).filter((r) => mine.has(r.number_id)).map(toView);
  }

  @Get('numbers/:numberId/plugins')
  @RequirePermission('plugins.manage')
  @ApiOperation({
    summary:
      'The plugins loaded, each with its settings form, and their installation on the number (credentials: set or not, never their values)',
  })
  @ApiOkResponse({ type: NumberPluginsDto })
  async ofNumber(@Param('numberId', ParseUUIDPipe) numberId: string): Promise<NumberPluginsView> {
    await this.numbers.assertNumber(numberId);
    return numberPluginsView(numberId, this.installations.loaded(), await this.installations.list());
  }

  @Put('numbers/:numberId/plugins/:pluginId')
  @RequirePermission('plugins.manage')
  @ApiOkResponse({ type: PluginInstallationDto })
  @ApiOperation({
    summary:
      'Install, enable, disable or configure a plugin on a number (effective immediately; credentials are write-only)',
  })
  @ApiBody({ schema: requestBodySchema(pluginInstallationRequest) })
  async upsert(
    @Param('numberId', ParseUUIDPipe) numberId: string,
    @Param('pluginId') pluginId: string,
    @Body(new ZodValidationPipe(pluginInstallationRequest)) body: PluginInstallationRequest,
  ): Promise<PluginInstallationView> {
    const departmentId = await this.numbers.assertNumber(numberId);
    const row = await this.activation.apply(numberId, pluginId, body);
    // The department, so the event is hidden where the department is (a members-only one from non-members).
    await this.audit.record({
      action: 'plugin.installation.changed',
      targetType: 'plugin_installation',
      targetId: row.id,
      departmentId,
      details: {
        pluginId,
        numberId,
        enabled: row.enabled,
        settingsKeys: Object.keys(body.settings ?? {}),
        credentialsChanged: Object.keys(body.credentials ?? {}),
      },
    });
    return toView(row);
  }

  @Get('plugin-hook-failures')
  @RequirePermission('plugins.manage')
  @ApiOperation({ summary: 'Hook calls that threw or timed out, newest first (the last 200)' })
  async failures(): Promise<PluginHookFailureView[]> {
    const mine = await this.numbers.numbers();
    const rows = (await this.hooks.recentFailures()).filter((r) => mine.has(r.number_id));
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      pluginId: r.plugin_id,
      numberId: r.number_id,
      hook: r.hook,
      kind: r.kind,
      message: r.message,
      subjectId: r.subject_id,
    }));
  }
}
