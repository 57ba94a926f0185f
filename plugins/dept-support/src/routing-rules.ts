import type { RoutingRuleInput } from '@switchboard/plugin-sdk';

/**
 * Fill in what triage would ask (category, priority) from the customer's own words, so fewer tickets wait in
 * New. Keyword rules work without AI triage; the intent rules cover phrasings the keywords miss. Keywords match
 * case- and accent-insensitively.
 */
export const routingRules: RoutingRuleInput[] = [
  // Money taken wrongly is the one case worth waking someone up for.
  {
    key: 'duplicate_charge',
    name: 'Duplicate or unknown charge: billing, urgent',
    when: {
      keywords: [
        'charged twice',
        'double charge',
        'fraud',
        'cobrado duas vezes',
        'cobrança duplicada',
        'fraude',
        'cobraron dos veces',
        'cobro duplicado',
      ],
    },
    then: { priority: 'urgent', setFields: { category: 'billing' } },
  },
  // Customers write "urgent" freely: it raises the priority, but only an agent makes a ticket urgent.
  {
    key: 'urgent_words',
    name: 'Customer says it is urgent: high priority',
    when: { keywords: ['urgent', 'asap', 'emergency', 'urgente', 'emergência', 'emergencia'] },
    then: { priority: 'high' },
  },
  {
    key: 'delivery',
    name: 'Delivery',
    when: {
      keywords: [
        'delivery',
        'tracking',
        'shipping',
        'where is my order',
        'entrega',
        'rastreio',
        'frete',
        'cadê meu pedido',
        'envío',
        'seguimiento',
        'dónde está mi pedido',
      ],
    },
    then: { setFields: { category: 'delivery' } },
  },
  {
    key: 'order_status',
    name: 'Order status',
    when: { intent: 'order_status' },
    then: { setFields: { category: 'order' } },
  },
  {
    key: 'refund',
    name: 'Refund or return: billing',
    when: {
      keywords: [
        'refund',
        'money back',
        'return my order',
        'return the product',
        'reembolso',
        'estorno',
        'devolução',
        'devolver',
        'devolución',
      ],
    },
    then: { setFields: { category: 'billing' } },
  },
  {
    key: 'refund_intent',
    name: 'Refund intent: billing',
    when: { intent: 'refund' },
    then: { setFields: { category: 'billing' } },
  },
  {
    key: 'billing',
    name: 'Billing',
    when: {
      keywords: [
        'invoice',
        'billing',
        'payment',
        'nota fiscal',
        'fatura',
        'boleto',
        'cobrança',
        'pagamento',
        'factura',
        'cobro',
        'pago',
      ],
    },
    then: { setFields: { category: 'billing' } },
  },
  {
    key: 'billing_intent',
    name: 'Billing intent',
    when: { intent: 'billing' },
    then: { setFields: { category: 'billing' } },
  },
  {
    key: 'technical',
    name: 'Technical problem',
    when: {
      keywords: [
        'error',
        'not working',
        'bug',
        'crash',
        'erro',
        'não funciona',
        'travou',
        'falha',
        'no funciona',
        'falla',
      ],
    },
    then: { setFields: { category: 'technical' } },
  },
  {
    key: 'technical_intent',
    name: 'Technical intent',
    when: { intent: 'technical_issue' },
    then: { setFields: { category: 'technical' } },
  },
  {
    key: 'account',
    name: 'Account and access',
    when: {
      keywords: [
        'password',
        'log in',
        'login',
        'my account',
        'senha',
        'minha conta',
        'contraseña',
        'mi cuenta',
      ],
    },
    then: { setFields: { category: 'account' } },
  },
];
