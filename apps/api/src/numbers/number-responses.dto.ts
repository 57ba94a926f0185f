import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ConnectionCheckView,
  ConnectionTestView,
  NumberHealthView,
  NumberView,
  Page,
  TemplateSyncErrorView,
  TemplateSyncView,
  TemplateView,
} from '@switchboard/contracts';

// OpenAPI response schemas of the number and number-health routes. Each class implements its contract, so a field
// changed there fails the build here. Never a secret: the views carry none.

const time = { type: String, format: 'date-time' } as const;
const nullableTime = { ...time, nullable: true } as const;
const nullableString = { type: String, nullable: true } as const;
const nullableNumber = { type: Number, nullable: true } as const;

type MetaError = NonNullable<ConnectionCheckView['error']>;

class MetaErrorDto implements MetaError {
  @ApiProperty({ type: Number, nullable: true, description: "Meta's error code (190: token refused)" })
  code!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) subcode?: number | null;
  @ApiProperty({ type: String }) message!: string;
}

class ConnectionCheckDto implements ConnectionCheckView {
  @ApiProperty({
    enum: ['token', 'subscribed_app', 'webhook_verify_token'] satisfies ConnectionCheckView['name'][],
  })
  name!: ConnectionCheckView['name'];
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiPropertyOptional({ type: String }) detail?: string;
  @ApiPropertyOptional({ type: () => MetaErrorDto }) error?: MetaErrorDto;
  @ApiPropertyOptional(time) at?: string;
}

class ConnectionTestDto implements ConnectionTestView {
  @ApiProperty({ type: Boolean }) ok!: boolean;
  @ApiProperty(time) at!: string;
  @ApiProperty({ type: () => [ConnectionCheckDto] }) checks!: ConnectionCheckDto[];
}

export class NumberDto implements NumberView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) phoneNumberId!: string;
  @ApiProperty({ type: String }) displayPhoneNumber!: string;
  @ApiProperty({ type: String }) wabaId!: string;
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: String }) health!: string;
  @ApiProperty(nullableString) healthReason!: string | null;
  @ApiProperty(nullableString) verifiedName!: string | null;
  @ApiProperty(nullableString) qualityRating!: string | null;
  @ApiProperty(nullableString) messagingLimitTier!: string | null;
  @ApiProperty(nullableString) nameStatus!: string | null;
  @ApiProperty(nullableString) throughputLevel!: string | null;
  @ApiProperty({ type: () => ConnectionTestDto, nullable: true }) connectionTest!: ConnectionTestDto | null;
  @ApiProperty(nullableTime) previousAppSecretAcceptedUntil!: string | null;
  @ApiProperty(nullableTime) disabledAt!: string | null;
  @ApiProperty(nullableTime) archivedAt!: string | null;
  @ApiProperty(time) createdAt!: string;
  @ApiProperty(time) updatedAt!: string;
}

export class NumberPageDto implements Page<NumberView> {
  @ApiProperty({ type: () => [NumberDto] }) items!: NumberDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

type Health = NumberHealthView;
type HealthToken = Health['token'];
type HealthWebhook = Health['webhook'];
type HealthQuality = Health['quality'];
type HealthMessaging = Health['messaging'];
type LastInbound = NonNullable<Health['lastInbound']>;
type LastSend = NonNullable<Health['lastSuccessfulSend']>;
type WebhookLag = Health['webhookLag'];
type FailedSends = Health['failedSends'];

class HealthTokenDto implements HealthToken {
  @ApiProperty({ type: Boolean }) valid!: boolean;
  @ApiProperty({ type: String }) health!: string;
  @ApiProperty(nullableString) reason!: string | null;
  @ApiProperty({ type: () => MetaErrorDto, nullable: true }) error!: MetaErrorDto | null;
  @ApiProperty(nullableTime) checkedAt!: string | null;
}

class HealthWebhookDto implements HealthWebhook {
  @ApiProperty({ type: Boolean, nullable: true }) subscribed!: boolean | null;
  @ApiProperty(nullableString) detail!: string | null;
  @ApiProperty({ type: () => MetaErrorDto, nullable: true }) error!: MetaErrorDto | null;
  @ApiProperty(nullableTime) checkedAt!: string | null;
}

type QualityChange = Health['quality']['history'][number];

class QualityChangeDto implements QualityChange {
  @ApiProperty(time) at!: string;
  @ApiProperty(nullableString) qualityRating!: string | null;
  @ApiProperty(nullableString) previousQualityRating!: string | null;
  @ApiProperty(nullableString) messagingLimitTier!: string | null;
  @ApiProperty(nullableString) previousMessagingLimitTier!: string | null;
  @ApiProperty(nullableString) event!: string | null;
}

class HealthQualityDto implements HealthQuality {
  @ApiProperty(nullableString) rating!: string | null;
  @ApiProperty({ type: () => [QualityChangeDto] }) history!: QualityChangeDto[];
}

class HealthMessagingDto implements HealthMessaging {
  @ApiProperty(nullableString) tier!: string | null;
  @ApiProperty(nullableString) throughputLevel!: string | null;
}

class LastInboundDto implements LastInbound {
  @ApiProperty({ type: String, format: 'uuid' }) messageId!: string;
  @ApiProperty(time) at!: string;
  @ApiProperty(nullableString) metaTimestamp!: string | null;
}

class LastSendDto implements LastSend {
  @ApiProperty({ type: String, format: 'uuid' }) messageId!: string;
  @ApiProperty(time) at!: string;
}

class WebhookLagDto implements WebhookLag {
  @ApiProperty({ type: Number }) sample!: number;
  @ApiProperty({ type: String }) window!: string;
  @ApiProperty(nullableNumber) p50Seconds!: number | null;
  @ApiProperty(nullableNumber) p95Seconds!: number | null;
  @ApiProperty(nullableNumber) maxSeconds!: number | null;
}

type FailedCode = Health['failedSends']['byCode'][number];

class FailedCodeDto implements FailedCode {
  @ApiProperty(nullableNumber) code!: number | null;
  @ApiProperty({ type: Number }) count!: number;
  @ApiProperty({ type: String }) latestTitle!: string;
  @ApiProperty(time) latestAt!: string;
}

class FailedSendsDto implements FailedSends {
  @ApiProperty(time) since!: string;
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: () => [FailedCodeDto] }) byCode!: FailedCodeDto[];
}

export class NumberHealthDto implements Health {
  @ApiProperty({ type: String, format: 'uuid' }) numberId!: string;
  @ApiProperty(time) at!: string;
  @ApiProperty({ type: () => HealthTokenDto }) token!: HealthTokenDto;
  @ApiProperty({ type: () => HealthWebhookDto }) webhook!: HealthWebhookDto;
  @ApiProperty({ type: () => HealthQualityDto }) quality!: HealthQualityDto;
  @ApiProperty({ type: () => HealthMessagingDto }) messaging!: HealthMessagingDto;
  @ApiProperty({ type: () => LastInboundDto, nullable: true }) lastInbound!: LastInboundDto | null;
  @ApiProperty({ type: () => LastSendDto, nullable: true }) lastSuccessfulSend!: LastSendDto | null;
  @ApiProperty({ type: () => WebhookLagDto }) webhookLag!: WebhookLagDto;
  @ApiProperty({ type: () => FailedSendsDto }) failedSends!: FailedSendsDto;
  // The alarm (with its business hours or calendar) and the alerts are documented as objects only: the admin
  // screen does not read their inside yet.
  @ApiProperty({ type: 'object', additionalProperties: true }) silenceAlarm!: Health['silenceAlarm'];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  openAlerts!: Health['openAlerts'];
}

class TemplateSyncErrorDto implements TemplateSyncErrorView {
  @ApiProperty(nullableNumber) code!: number | null;
  @ApiProperty(nullableNumber) subcode!: number | null;
  @ApiProperty({ type: String }) message!: string;
}

export class TemplateSyncDto implements TemplateSyncView {
  @ApiProperty({ type: String }) wabaId!: string;
  @ApiProperty(time) attemptedAt!: string;
  @ApiProperty(nullableTime) syncedAt!: string | null;
  @ApiProperty({ type: () => TemplateSyncErrorDto, nullable: true }) error!: TemplateSyncErrorDto | null;
  @ApiProperty({ type: Number, description: 'Templates Meta listed (every page)' }) listed!: number;
  @ApiProperty({ type: Number, description: 'Stored templates no longer listed, marked deleted' })
  markedDeleted!: number;
}

type LatestSync = Omit<TemplateSyncView, 'listed' | 'markedDeleted'>;

class LatestTemplateSyncDto implements LatestSync {
  @ApiProperty({ type: String }) wabaId!: string;
  @ApiProperty(time) attemptedAt!: string;
  @ApiProperty(nullableTime) syncedAt!: string | null;
  @ApiProperty({ type: () => TemplateSyncErrorDto, nullable: true }) error!: TemplateSyncErrorDto | null;
}

export class TemplateDto implements TemplateView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) wabaId!: string;
  @ApiProperty({ type: String }) metaId!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: String }) language!: string;
  @ApiProperty({ type: String }) category!: string;
  @ApiProperty({ type: String, description: 'APPROVED, PENDING, REJECTED, PAUSED, DISABLED…' })
  status!: string;
  @ApiProperty(nullableString) qualityScore!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: "Meta's components",
  })
  components!: unknown[];
  @ApiProperty({ enum: ['POSITIONAL', 'NAMED'] satisfies TemplateView['parameterFormat'][] })
  parameterFormat!: TemplateView['parameterFormat'];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  statusDetail!: Record<string, unknown> | null;
  @ApiProperty(nullableTime) statusChangedAt!: string | null;
  @ApiProperty(time) syncedAt!: string;
  @ApiProperty(nullableTime) deletedAt!: string | null;
}

export class TemplateListDto {
  @ApiProperty({ type: () => [TemplateDto] }) items!: TemplateDto[];
  @ApiProperty({ type: () => LatestTemplateSyncDto, nullable: true }) sync!: LatestTemplateSyncDto | null;
}
