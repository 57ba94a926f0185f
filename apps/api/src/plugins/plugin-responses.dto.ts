import { ApiProperty } from '@nestjs/swagger';
import type {
  NumberPluginInstallationView,
  NumberPluginsView,
  NumberPluginView,
  PluginInstallationView,
  PluginSettingFieldView,
  PluginSettingType,
  PluginText,
} from '@switchboard/contracts';

// OpenAPI response schemas of the plugin installation routes. Each class implements its contract, so a field
// changed there fails the build here. Never a credential's value: only its key and whether it is set.

const time = { type: String, format: 'date-time' } as const;
const text = { type: 'object', additionalProperties: { type: 'string' } } as const;
const anyJson = {
  nullable: true,
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object', additionalProperties: true },
    { type: 'array', items: {} },
  ],
};
const SETTING_TYPES: PluginSettingType[] = ['text', 'number', 'boolean', 'select', 'json', 'secret'];

class PluginOptionDto {
  @ApiProperty({ type: String }) value!: string;
  @ApiProperty({ ...text, description: 'Per language, `en` always there' }) label!: PluginText;
}

class PluginSettingFieldDto implements PluginSettingFieldView {
  @ApiProperty({ type: String, description: 'The settings key, or the credential key of a secret' })
  key!: string;
  @ApiProperty({ enum: SETTING_TYPES }) type!: PluginSettingType;
  @ApiProperty({ ...text, description: 'Per language, `en` always there' }) label!: PluginText;
  @ApiProperty({ ...text, nullable: true }) description!: PluginText | null;
  @ApiProperty({ type: Boolean }) required!: boolean;
  @ApiProperty({
    type: Boolean,
    description: 'A credential: write-only, only whether it is set is read back',
  })
  secret!: boolean;
  @ApiProperty({ type: () => [PluginOptionDto], nullable: true }) options!: PluginOptionDto[] | null;
  @ApiProperty({ type: Number, nullable: true }) minimum!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maximum!: number | null;
  @ApiProperty({ type: Boolean }) integer!: boolean;
  @ApiProperty({ ...anyJson, description: 'The value an installation starts with (never for a secret)' })
  default!: unknown;
}

class CredentialStateDto {
  @ApiProperty({ type: String }) key!: string;
  @ApiProperty({ type: Boolean }) set!: boolean;
}

class NumberPluginInstallationDto implements NumberPluginInstallationView {
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({ type: () => [CredentialStateDto], description: 'Each declared credential: set or not set' })
  credentials!: CredentialStateDto[];
  @ApiProperty(time) updatedAt!: string;
}

class NumberPluginDto implements NumberPluginView {
  @ApiProperty({ type: String }) id!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) version!: string;
  @ApiProperty({ enum: ['department', 'connector', 'ai-tool'] }) kind!: NumberPluginView['kind'];
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: () => [PluginSettingFieldDto] }) fields!: PluginSettingFieldDto[];
  @ApiProperty({ type: () => NumberPluginInstallationDto, nullable: true })
  installation!: NumberPluginInstallationDto | null;
}

export class NumberPluginsDto implements NumberPluginsView {
  @ApiProperty({ type: String, format: 'uuid' }) numberId!: string;
  @ApiProperty({ type: () => [NumberPluginDto] }) plugins!: NumberPluginDto[];
}

export class PluginInstallationDto implements PluginInstallationView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) pluginId!: string;
  @ApiProperty({ type: String, format: 'uuid' }) numberId!: string;
  @ApiProperty({ type: Boolean }) enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    description: 'Keys of the credentials that are set; values are never returned',
  })
  credentials!: string[];
  @ApiProperty(time) updatedAt!: string;
}
