import { z } from 'zod';
import type { BusinessCalendar, DepartmentCalendarSource } from './business-calendar.contract';
import type { DepartmentBusinessHours } from './department.contract';

/** PATCH /api/numbers/:id/health-settings. `silenceAlarmMinutes`: business-hours minutes; null turns the alarm off. */
export const numberHealthSettingsRequest = z.strictObject({
  silenceAlarmMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(5, 'must be at least 5 minutes')
    .max(10080, 'must be at most 10080 minutes (a week)')
    .nullable(),
});
export type NumberHealthSettingsRequest = z.infer<typeof numberHealthSettingsRequest>;

/** GET /api/alerts: open (default: not resolved), acknowledged (open and acknowledged), resolved or all; newest first. */
export const listAlertsQuery = z.strictObject({
  status: z.enum(['open', 'acknowledged', 'unacknowledged', 'resolved', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListAlertsQuery = z.infer<typeof listAlertsQuery>;

export interface NumberAlertView {
  id: string;
  numberId: string;
  /** The number's current department: an alert moves with its number. */
  departmentId: string;
  kind: string;
  raisedAt: string;
  /** For silence: the alarm's minutes, since when the number was quiet, and which business hours applied. */
  detail: Record<string, unknown>;
  acknowledgedAt: string | null;
  /** The user who acknowledged it; null for an API token or while unacknowledged. */
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

/**
 * Where a number's business hours came from: its department's own calendar, its department's hours, the department
 * plugin's settings, or the default.
 */
export type BusinessHoursSource = DepartmentCalendarSource;

export interface NumberHealthView {
  numberId: string;
  /** The engine clock's time the view was computed at. */
  at: string;
  token: {
    /** False once Meta refused the token (190) or the last connection test's token check failed. */
    valid: boolean;
    health: string;
    reason: string | null;
    error: { code: number | null; subcode?: number | null; message: string } | null;
    /** When the token was last checked: by the connection test, or by the rotation that stored it (null: never). */
    checkedAt: string | null;
  };
  webhook: {
    /** The app's subscription to the WABA as the last connection test found (or made) it; null: never checked. */
    subscribed: boolean | null;
    detail: string | null;
    error: { code: number | null; subcode?: number | null; message: string } | null;
    checkedAt: string | null;
  };
  quality: {
    rating: string | null;
    /** Meta's phone_number_quality_update events, oldest first. */
    history: {
      at: string;
      qualityRating: string | null;
      previousQualityRating: string | null;
      messagingLimitTier: string | null;
      previousMessagingLimitTier: string | null;
      event: string | null;
    }[];
  };
  messaging: { tier: string | null; throughputLevel: string | null };
  lastInbound: { messageId: string; at: string; metaTimestamp: string | null } | null;
  lastSuccessfulSend: { messageId: string; at: string } | null;
  /** Meta's message timestamp (whole seconds) to our receipt of the webhook, over the latest inbound messages. */
  webhookLag: {
    sample: number;
    window: string;
    p50Seconds: number | null;
    p95Seconds: number | null;
    maxSeconds: number | null;
  };
  failedSends: {
    since: string;
    total: number;
    byCode: { code: number | null; count: number; latestTitle: string; latestAt: string }[];
  };
  silenceAlarm: {
    minutes: number | null;
    quietSince: string | null;
    /** `hours` null and `calendar` given when the department set a calendar of its own (source `calendar`). */
    businessHours: {
      hours: DepartmentBusinessHours | null;
      source: BusinessHoursSource;
      pluginId: string | null;
      calendar?: BusinessCalendar;
    };
    withinBusinessHoursNow: boolean;
    /**
     * When the latest silence check of this alarm started, on the wall clock (null: not checked yet, or off). A
     * time after a change means a check has seen it.
     */
    lastCheckedAt: string | null;
  };
  openAlerts: NumberAlertView[];
}
