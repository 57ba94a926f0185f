import type { PipelineInput } from '@switchboard/plugin-sdk';

/** From a customer's first message to a closed ticket. */
export const pipeline: PipelineInput = {
  key: 'support',
  name: 'Support',
  fields: [
    {
      key: 'order_number',
      label: 'Order number',
      type: 'reference',
      reference: { system: 'erp', entity: 'order' },
      description: 'The order in the ERP this request is about, if any.',
    },
    {
      key: 'category',
      label: 'Category',
      type: 'select',
      options: [
        { value: 'order', label: 'Order' },
        { value: 'delivery', label: 'Delivery' },
        { value: 'billing', label: 'Billing' },
        { value: 'technical', label: 'Technical' },
        { value: 'account', label: 'Account' },
        { value: 'other', label: 'Other' },
      ],
    },
    {
      key: 'priority',
      label: 'Priority',
      type: 'select',
      // The same values as SLA policies and routing use, so the field selects the response targets.
      options: [
        { value: 'low', label: 'Low' },
        { value: 'normal', label: 'Normal' },
        { value: 'high', label: 'High' },
        { value: 'urgent', label: 'Urgent' },
      ],
    },
  ],
  stages: [
    { key: 'new', name: 'New', category: 'open', color: '#0969da' },
    { key: 'triage', name: 'Triage', category: 'open', color: '#8250df' },
    // Work starts only once triage has said what the request is and how urgent: that sets its SLA and reports.
    {
      key: 'in_progress',
      name: 'In progress',
      category: 'open',
      color: '#bc4c00',
      requiredFields: ['category', 'priority'],
      // Past this many open tickets the team is overloaded: the board shows it instead of tickets piling up.
      wipLimit: 60,
    },
    { key: 'waiting_on_customer', name: 'Waiting on customer', category: 'waiting', color: '#9a6700' },
    { key: 'resolved', name: 'Resolved', category: 'done', color: '#1a7f37', onEnter: ['send_closing'] },
    // Resolved tickets can still be reopened by the customer's reply; closed is final, kept as the record.
    { key: 'closed', name: 'Closed', category: 'done', color: '#6e7781' },
  ],
};
