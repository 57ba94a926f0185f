import { Migration } from '@mikro-orm/migrations';

/**
 * Admins may adjust a plugin's stages and fields (libs/pipelines): `plugin_values` keeps what the manifest says (the
 * sync always writes it, so a reset restores it), `overridden` names the attributes an admin set, which the sync then
 * leaves alone. Existing rows start from their current values as the plugin's.
 */
export class Migration20261203703400_pipeline_overrides extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "pipeline_stages"
      add column "plugin_values" jsonb not null default '{}',
      add column "overridden" text[] not null default '{}';`);
    this
      .addSql(`update "pipeline_stages" set "plugin_values" = jsonb_build_object('name', "name", 'color', "color",
      'wipLimit', "wip_limit", 'requiredFields', "required_fields");`);
    this.addSql(`alter table "pipeline_fields"
      add column "plugin_values" jsonb not null default '{}',
      add column "overridden" text[] not null default '{}';`);
    this.addSql(`update "pipeline_fields" set "plugin_values" = jsonb_build_object('label', "label");`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "pipeline_fields" drop column "plugin_values", drop column "overridden";`);
    this.addSql(`alter table "pipeline_stages" drop column "plugin_values", drop column "overridden";`);
  }
}
