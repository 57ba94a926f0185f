import type { RoutingRuleInput } from '@switchboard/plugin-sdk';

/**
 * Fill in the request type from the employee's own words, so it is set before review. Keyword rules work
 * without AI triage; the intent rules cover phrasings the keywords miss. Keywords match case- and
 * accent-insensitively.
 */
export const routingRules: RoutingRuleInput[] = [
  {
    key: 'vacation',
    name: 'Vacation request',
    when: {
      keywords: ['vacation', 'time off', 'annual leave', 'férias', 'folga', 'vacaciones', 'días libres'],
    },
    then: { setFields: { request_type: 'vacation' } },
  },
  {
    key: 'vacation_intent',
    name: 'Vacation intent',
    when: { intent: 'vacation' },
    then: { setFields: { request_type: 'vacation' } },
  },
  {
    key: 'payslip',
    name: 'Payslip',
    when: {
      keywords: [
        'payslip',
        'pay slip',
        'salary',
        'holerite',
        'contracheque',
        'salário',
        'nómina',
        'recibo de sueldo',
      ],
    },
    then: { setFields: { request_type: 'payslip' } },
  },
  {
    key: 'payslip_intent',
    name: 'Payslip intent',
    when: { intent: 'payslip' },
    then: { setFields: { request_type: 'payslip' } },
  },
  {
    key: 'documents',
    name: 'Documents',
    when: {
      keywords: [
        'certificate',
        'proof of income',
        'copy of my contract',
        'declaração',
        'atestado',
        'comprovante',
        'constancia',
        'certificado',
        'comprobante',
      ],
    },
    then: { setFields: { request_type: 'documents' } },
  },
  {
    key: 'documents_intent',
    name: 'Documents intent',
    when: { intent: 'documents' },
    then: { setFields: { request_type: 'documents' } },
  },
  {
    key: 'onboarding',
    name: 'Onboarding',
    when: {
      keywords: [
        'onboarding',
        'first day',
        'new hire',
        'admissão',
        'integração',
        'primeiro dia',
        'inducción',
        'primer día',
      ],
    },
    then: { setFields: { request_type: 'onboarding' } },
  },
  {
    key: 'onboarding_intent',
    name: 'Onboarding intent',
    when: { intent: 'onboarding' },
    then: { setFields: { request_type: 'onboarding' } },
  },
];
