export { definePlugin, isSwitchboardPlugin, PLUGIN_BRAND } from './define-plugin';
export type {
  AutomationHandler,
  HookHandler,
  JobHandler,
  PluginDefinition,
  PluginMigration,
  SwitchboardPlugin,
} from './define-plugin';
export type { HookContext, JsonValue, PluginCard } from './hook-context';
export { keySchema, localeSchema } from './manifest/common';
export type { LocalizedText } from './manifest/common';
export { FIELD_TYPES, fieldDefinitionSchema } from './manifest/pipeline-contribution';
export type {
  FieldDefinition,
  FieldType,
  PipelineContribution,
  StageDefinition,
} from './manifest/pipeline-contribution';
export { HOOK_NAMES, pluginManifestSchema } from './manifest/plugin-manifest';
export type { HookName, PluginManifest, PluginManifestInput } from './manifest/plugin-manifest';
export type {
  CardAction,
  MessageTemplate,
  RoutingRule,
  SlaPolicy,
  TriageIntent,
} from './manifest/process-contributions';
export type {
  CardActionInput,
  MessageTemplateInput,
  PipelineInput,
  RoutingRuleInput,
  SlaPolicyInput,
  TriageIntentInput,
} from './manifest/contribution-inputs';
export { greetNewCards, outOfHoursNotice, sendClosing } from './department-kit/department-hooks';
export { departmentSettingsSchema } from './department-kit/department-settings';
export type { DepartmentSettings } from './department-kit/department-settings';
export { renderTemplate } from './render-template';
export { businessHoursSchema, isWithinBusinessHours } from './business-hours';
export type { BusinessHours } from './business-hours';
export { fakeHookContext } from './testing/fake-hook-context';
export { pluginUnderTest } from './testing/plugin-under-test';
export { checkPlugin, missingTranslations } from './check-plugin';
export type { PluginProblem } from './check-plugin';
