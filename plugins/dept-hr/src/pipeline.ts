import type { PipelineInput } from '@switchboard/plugin-sdk';

/** An employee's request, from receipt through approval to done or rejected. */
export const pipeline: PipelineInput = {
  key: 'hr',
  name: 'HR',
  fields: [
    {
      key: 'request_type',
      label: 'Request type',
      type: 'select',
      options: [
        { value: 'vacation', label: 'Vacation' },
        { value: 'payslip', label: 'Payslip' },
        { value: 'documents', label: 'Documents' },
        { value: 'onboarding', label: 'Onboarding' },
        { value: 'other', label: 'Other' },
      ],
    },
    { key: 'employee_id', label: 'Employee ID', type: 'text', maxLength: 40 },
    {
      key: 'start_date',
      label: 'Start date',
      type: 'date',
      description: 'First day of leave, or start date.',
    },
    { key: 'end_date', label: 'End date', type: 'date', description: 'Last day of leave.' },
    { key: 'approver_email', label: 'Approver e-mail', type: 'email' },
  ],
  stages: [
    { key: 'received', name: 'Received', category: 'open', color: '#0969da' },
    // A small team reviews: past this many requests in review, the board shows the backlog.
    { key: 'in_review', name: 'In review', category: 'open', color: '#8250df', wipLimit: 30 },
    // An approver must know what is asked and for whom.
    {
      key: 'awaiting_approval',
      name: 'Awaiting approval',
      category: 'waiting',
      color: '#9a6700',
      requiredFields: ['request_type', 'employee_id'],
    },
    // Approved but not yet carried out (e.g. leave to register in payroll): still HR's work.
    { key: 'approved', name: 'Approved', category: 'open', color: '#bc4c00' },
    { key: 'done', name: 'Done', category: 'done', color: '#1a7f37', onEnter: ['send_closing'] },
    // No automatic message on rejection: the reason deserves a personal reply.
    { key: 'rejected', name: 'Rejected', category: 'done', color: '#cf222e' },
  ],
};
