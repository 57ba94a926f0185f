import type { PipelineInput } from '@switchboard/plugin-sdk';

/** Lead to closed deal. Won and lost are both done: the card leaves the active board either way. */
export const pipeline: PipelineInput = {
  key: 'sales',
  name: 'Sales',
  fields: [
    { key: 'deal_value', label: 'Deal value', type: 'money', currency: 'USD' },
    {
      key: 'product_interest',
      label: 'Product interest',
      type: 'multiselect',
      options: [
        { value: 'starter', label: 'Starter plan' },
        { value: 'professional', label: 'Professional plan' },
        { value: 'enterprise', label: 'Enterprise plan' },
        { value: 'add_ons', label: 'Add-ons' },
        { value: 'implementation', label: 'Implementation services' },
        { value: 'training', label: 'Training' },
      ],
    },
    {
      key: 'source',
      label: 'Source',
      type: 'select',
      options: [
        { value: 'whatsapp', label: 'WhatsApp' },
        { value: 'website', label: 'Website' },
        { value: 'referral', label: 'Referral' },
        { value: 'ads', label: 'Ads' },
        { value: 'event', label: 'Event' },
        { value: 'other', label: 'Other' },
      ],
    },
    { key: 'company', label: 'Company', type: 'text', maxLength: 200 },
    { key: 'email', label: 'E-mail', type: 'email' },
    {
      key: 'erp_customer',
      label: 'ERP customer',
      type: 'reference',
      reference: { system: 'erp', entity: 'customer' },
      description: 'The customer record in the ERP, once the lead becomes a customer.',
    },
  ],
  stages: [
    { key: 'lead', name: 'Lead', category: 'open', color: '#0969da' },
    { key: 'qualified', name: 'Qualified', category: 'open', color: '#8250df' },
    // A proposal cannot be written without knowing what is being sold and for how much.
    {
      key: 'proposal',
      name: 'Proposal',
      category: 'open',
      color: '#bc4c00',
      requiredFields: ['deal_value', 'product_interest'],
    },
    // Negotiations need a seller's close attention: a cap keeps the team from spreading too thin.
    { key: 'negotiation', name: 'Negotiation', category: 'open', color: '#9a6700', wipLimit: 40 },
    // The value is what sales reports add up, so a deal cannot be won without one.
    {
      key: 'won',
      name: 'Won',
      category: 'done',
      color: '#1a7f37',
      requiredFields: ['deal_value'],
      onEnter: ['send_closing'],
    },
    { key: 'lost', name: 'Lost', category: 'done', color: '#6e7781' },
  ],
};
