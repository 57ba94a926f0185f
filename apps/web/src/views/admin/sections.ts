import type { Component } from 'vue';
import ApiTokensSection from './tokens/ApiTokensSection.vue';
import AuditSection from './audit/AuditSection.vue';
import CalendarSection from './calendar/CalendarSection.vue';
import DepartmentsSection from './departments/DepartmentsSection.vue';
import InboundEventsSection from './inbound/InboundEventsSection.vue';
import NumbersSection from './numbers/NumbersSection.vue';
import PipelinesSection from './pipelines/PipelinesSection.vue';
import QuickRepliesSection from './quick-replies/QuickRepliesSection.vue';
import RoutingSection from './routing/RoutingSection.vue';
import TeamsSection from './teams/TeamsSection.vue';
import TemplatesSection from './templates/TemplatesSection.vue';
import UsersSection from './users/UsersSection.vue';

/** The admin sections, in the side menu's order; `?section=<key>` opens one (the first when absent or unknown). */
export const SECTIONS: { key: string; label: string; component: Component }[] = [
  { key: 'users', label: 'admin.sections.users', component: UsersSection },
  { key: 'teams', label: 'admin.sections.teams', component: TeamsSection },
  { key: 'departments', label: 'admin.sections.departments', component: DepartmentsSection },
  { key: 'numbers', label: 'admin.sections.numbers', component: NumbersSection },
  { key: 'templates', label: 'admin.sections.templates', component: TemplatesSection },
  { key: 'inbound', label: 'admin.sections.inbound', component: InboundEventsSection },
  { key: 'audit', label: 'admin.sections.audit', component: AuditSection },
  { key: 'tokens', label: 'admin.sections.tokens', component: ApiTokensSection },
  { key: 'routing', label: 'admin.sections.routing', component: RoutingSection },
  { key: 'pipelines', label: 'admin.sections.pipelines', component: PipelinesSection },
  { key: 'calendar', label: 'admin.sections.calendar', component: CalendarSection },
  { key: 'quick-replies', label: 'chat.quickAdmin.section', component: QuickRepliesSection },
];

export function sectionOf(query: unknown): (typeof SECTIONS)[number] {
  return SECTIONS.find((s) => s.key === query) ?? SECTIONS[0];
}
