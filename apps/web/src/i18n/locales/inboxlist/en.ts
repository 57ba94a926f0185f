// The inbox list's filters, sorts and saved filters (en).
export default {
  /** The row's badge, for screen readers (the badge shows the number). */
  unread: '{count} unread',
  rows: '{count} conversations loaded',
  filters: {
    label: 'Filter conversations',
    toggle: 'Saved filters',
    search: 'Search',
    searchHint: 'Name or phone number',
    sort: 'Sort by',
    sla: 'SLA state',
    any: 'Any',
    department: 'Department',
    number: 'Number',
    stage: 'Stage',
    priority: 'Priority',
    labelFilter: 'Label',
  },
  sla: {
    red: '🔴 Overdue',
    yellow: '🟡 Waiting',
    green: '🟢 Answered',
  },
  priority: {
    urgent: 'Urgent',
    high: 'High',
    normal: 'Normal',
    low: 'Low',
  },
  sort: {
    recent: 'Latest activity',
    waiting: 'Waiting longest',
    deadline: 'Nearest deadline',
  },
  saved: {
    label: 'Saved filters',
    choose: 'Use a saved filter',
    none: 'Choose…',
    remove: 'Delete',
    name: 'Save current as',
    save: 'Save',
  },
};
