import { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_spine } from './Migration20261122000000_spine';
import { Migration20261122100000_identity } from './Migration20261122100000_identity';
import { Migration20261122200000_plugins } from './Migration20261122200000_plugins';
import { Migration20261122300000_pipelines } from './Migration20261122300000_pipelines';
import { Migration20261122400000_outbox_claims } from './Migration20261122400000_outbox_claims';
import { Migration20261129100000_contact_scope } from './Migration20261129100000_contact_scope';
import { Migration20261129200000_idempotency_per_conversation } from './Migration20261129200000_idempotency_per_conversation';
import { Migration20261129300000_identity_hardening } from './Migration20261129300000_identity_hardening';
import { Migration20261129500000_inbound_event_numbers } from './Migration20261129500000_inbound_event_numbers';
import { Migration20261129600000_message_number } from './Migration20261129600000_message_number';
import { Migration20261129700000_departments_admin } from './Migration20261129700000_departments_admin';
import { Migration20261129800000_numbers_admin } from './Migration20261129800000_numbers_admin';
import { Migration20261129900000_message_templates } from './Migration20261129900000_message_templates';
import { Migration20261130100000_account_events } from './Migration20261130100000_account_events';
import { Migration20261130300000_number_health } from './Migration20261130300000_number_health';
import { Migration20261130400000_number_archive } from './Migration20261130400000_number_archive';
import { Migration20261130500000_account_event_keys } from './Migration20261130500000_account_event_keys';
import { Migration20261130600000_alert_scope } from './Migration20261130600000_alert_scope';
import { Migration20261201100000_domain_events } from './Migration20261201100000_domain_events';
import { Migration20261201200000_agents } from './Migration20261201200000_agents';
import { Migration20261201300000_realtime } from './Migration20261201300000_realtime';
import { Migration20261202100000_ownership } from './Migration20261202100000_ownership';
import { Migration20261202200000_assignment } from './Migration20261202200000_assignment';
import { Migration20261202300000_routing } from './Migration20261202300000_routing';
import { Migration20261202400000_plugin_host } from './Migration20261202400000_plugin_host';
import { Migration20261202500000_gateway } from './Migration20261202500000_gateway';
import { Migration20261203100000_department_calendars } from './Migration20261203100000_department_calendars';
import { Migration20261203200000_timers } from './Migration20261203200000_timers';
import { Migration20261203300000_sla_policies } from './Migration20261203300000_sla_policies';
import { Migration20261203400000_sla_clocks } from './Migration20261203400000_sla_clocks';
import { Migration20261203400500_message_author } from './Migration20261203400500_message_author';
import { Migration20261203500000_sla_escalations } from './Migration20261203500000_sla_escalations';
import { Migration20261203600000_reporting } from './Migration20261203600000_reporting';
import { Migration20261203600100_report_reopened_at } from './Migration20261203600100_report_reopened_at';
import { Migration20261203700500_inbound_pending_index } from './Migration20261203700500_inbound_pending_index';
import { Migration20261203700600_conversations_contact_index } from './Migration20261203700600_conversations_contact_index';
import { Migration20261203700900_report_durations } from './Migration20261203700900_report_durations';
import { Migration20261203701007_sla_clocks_live_indexes } from './Migration20261203701007_sla_clocks_live_indexes';
import { Migration20261203701106_report_volume_messages } from './Migration20261203701106_report_volume_messages';
import { Migration20261203701200_sla_conversations_open_index } from './Migration20261203701200_sla_conversations_open_index';
import { Migration20261203702000_report_volume_messages_hour } from './Migration20261203702000_report_volume_messages_hour';
import { Migration20261203702100_media_uploads } from './Migration20261203702100_media_uploads';
import { Migration20261203703300_media_uploads_sent } from './Migration20261203703300_media_uploads_sent';
import { Migration20261203703400_pipeline_overrides } from './Migration20261203703400_pipeline_overrides';
import { Migration20261203702200_conversation_reads } from './Migration20261203702200_conversation_reads';
import { Migration20261203702210_conversations_labels_index } from './Migration20261203702210_conversations_labels_index';
import { Migration20261203702300_quick_replies } from './Migration20261203702300_quick_replies';

/** Listed explicitly (not globbed) so the same list works from TypeScript sources and from dist/. */
export const CORE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122000000_spine', class: Migration20261122000000_spine },
  { name: 'Migration20261122100000_identity', class: Migration20261122100000_identity },
  { name: 'Migration20261122200000_plugins', class: Migration20261122200000_plugins },
  { name: 'Migration20261122300000_pipelines', class: Migration20261122300000_pipelines },
  { name: 'Migration20261122400000_outbox_claims', class: Migration20261122400000_outbox_claims },
  { name: 'Migration20261129100000_contact_scope', class: Migration20261129100000_contact_scope },
  {
    name: 'Migration20261129200000_idempotency_per_conversation',
    class: Migration20261129200000_idempotency_per_conversation,
  },
  { name: 'Migration20261129300000_identity_hardening', class: Migration20261129300000_identity_hardening },
  {
    name: 'Migration20261129500000_inbound_event_numbers',
    class: Migration20261129500000_inbound_event_numbers,
  },
  { name: 'Migration20261129600000_message_number', class: Migration20261129600000_message_number },
  { name: 'Migration20261129700000_departments_admin', class: Migration20261129700000_departments_admin },
  { name: 'Migration20261129800000_numbers_admin', class: Migration20261129800000_numbers_admin },
  { name: 'Migration20261129900000_message_templates', class: Migration20261129900000_message_templates },
  { name: 'Migration20261130100000_account_events', class: Migration20261130100000_account_events },
  { name: 'Migration20261130300000_number_health', class: Migration20261130300000_number_health },
  { name: 'Migration20261130400000_number_archive', class: Migration20261130400000_number_archive },
  {
    name: 'Migration20261130500000_account_event_keys',
    class: Migration20261130500000_account_event_keys,
  },
  { name: 'Migration20261130600000_alert_scope', class: Migration20261130600000_alert_scope },
  { name: 'Migration20261201100000_domain_events', class: Migration20261201100000_domain_events },
  { name: 'Migration20261201200000_agents', class: Migration20261201200000_agents },
  { name: 'Migration20261201300000_realtime', class: Migration20261201300000_realtime },
  { name: 'Migration20261202100000_ownership', class: Migration20261202100000_ownership },
  { name: 'Migration20261202200000_assignment', class: Migration20261202200000_assignment },
  { name: 'Migration20261202300000_routing', class: Migration20261202300000_routing },
  { name: 'Migration20261202400000_plugin_host', class: Migration20261202400000_plugin_host },
  { name: 'Migration20261202500000_gateway', class: Migration20261202500000_gateway },
  {
    name: 'Migration20261203100000_department_calendars',
    class: Migration20261203100000_department_calendars,
  },
  { name: 'Migration20261203200000_timers', class: Migration20261203200000_timers },
  { name: 'Migration20261203300000_sla_policies', class: Migration20261203300000_sla_policies },
  { name: 'Migration20261203400000_sla_clocks', class: Migration20261203400000_sla_clocks },
  { name: 'Migration20261203400500_message_author', class: Migration20261203400500_message_author },
  { name: 'Migration20261203500000_sla_escalations', class: Migration20261203500000_sla_escalations },
  { name: 'Migration20261203600000_reporting', class: Migration20261203600000_reporting },
  { name: 'Migration20261203600100_report_reopened_at', class: Migration20261203600100_report_reopened_at },
  {
    name: 'Migration20261203700500_inbound_pending_index',
    class: Migration20261203700500_inbound_pending_index,
  },
  {
    name: 'Migration20261203700600_conversations_contact_index',
    class: Migration20261203700600_conversations_contact_index,
  },
  { name: 'Migration20261203700900_report_durations', class: Migration20261203700900_report_durations },
  {
    name: 'Migration20261203701007_sla_clocks_live_indexes',
    class: Migration20261203701007_sla_clocks_live_indexes,
  },
  {
    name: 'Migration20261203701106_report_volume_messages',
    class: Migration20261203701106_report_volume_messages,
  },
  {
    name: 'Migration20261203701200_sla_conversations_open_index',
    class: Migration20261203701200_sla_conversations_open_index,
  },
  {
    name: 'Migration20261203702000_report_volume_messages_hour',
    class: Migration20261203702000_report_volume_messages_hour,
  },
  { name: 'Migration20261203702100_media_uploads', class: Migration20261203702100_media_uploads },
  {
    name: 'Migration20261203702200_conversation_reads',
    class: Migration20261203702200_conversation_reads,
  },
  {
    name: 'Migration20261203702210_conversations_labels_index',
    class: Migration20261203702210_conversations_labels_index,
  },
  {
    name: 'Migration20261203702300_quick_replies',
    class: Migration20261203702300_quick_replies,
  },
  { name: 'Migration20261203703300_media_uploads_sent', class: Migration20261203703300_media_uploads_sent },
  { name: 'Migration20261203703400_pipeline_overrides', class: Migration20261203703400_pipeline_overrides },
];
