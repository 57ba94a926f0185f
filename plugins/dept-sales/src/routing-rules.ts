import type { RoutingRuleInput } from '@switchboard/plugin-sdk';

/**
 * Keyword rules work without AI triage; the intent rules apply the same outcome when triage recognises the
 * intent in words the keywords miss. Keywords match case- and accent-insensitively.
 */
export const routingRules: RoutingRuleInput[] = [
  {
    key: 'ready_to_buy',
    name: 'Ready to buy: qualified, high priority',
    when: {
      keywords: [
        'buy',
        'purchase',
        'place an order',
        'ready to sign',
        'comprar',
        'quero comprar',
        'fazer um pedido',
        'fechar negócio',
        'quiero comprar',
        'hacer un pedido',
        'cerrar el trato',
      ],
    },
    then: { stage: 'qualified', priority: 'high' },
  },
  {
    key: 'purchase_intent',
    name: 'Purchase intent: qualified, high priority',
    when: { intent: 'purchase' },
    then: { stage: 'qualified', priority: 'high' },
  },
  {
    key: 'demo',
    name: 'Demo request: qualified',
    when: {
      keywords: [
        'demo',
        'demonstration',
        'free trial',
        'demonstração',
        'apresentação',
        'teste grátis',
        'demostración',
        'prueba gratuita',
      ],
    },
    then: { stage: 'qualified' },
  },
  {
    key: 'demo_intent',
    name: 'Demo intent: qualified',
    when: { intent: 'demo_request' },
    then: { stage: 'qualified' },
  },
  {
    key: 'partnership',
    name: 'Partnerships team',
    when: {
      keywords: [
        'partnership',
        'partner program',
        'reseller',
        'distributor',
        'parceria',
        'parceiro',
        'revenda',
        'revendedor',
        'distribuidor',
        'alianza',
        'socio comercial',
        'programa de socios',
      ],
    },
    then: { team: 'Partnerships' },
  },
  {
    key: 'partnership_intent',
    name: 'Partnership intent: Partnerships team',
    when: { intent: 'partnership' },
    then: { team: 'Partnerships' },
  },
  // Where the lead heard of us, from how customers usually say it: feeds the source field for marketing reports.
  {
    key: 'source_ads',
    name: 'Lead source: ads',
    when: {
      keywords: [
        'your ad',
        'saw an ad',
        'advert',
        'anúncio',
        'vi o anúncio',
        'propaganda',
        'anuncio',
        'publicidad',
      ],
    },
    then: { setFields: { source: 'ads' } },
  },
  {
    key: 'source_referral',
    name: 'Lead source: referral',
    when: {
      keywords: [
        'referred',
        'recommended you',
        'indicação',
        'me indicou',
        'recomendação',
        'me recomendaron',
        'recomendación',
      ],
    },
    then: { setFields: { source: 'referral' } },
  },
  {
    key: 'source_event',
    name: 'Lead source: event',
    when: {
      keywords: [
        'trade show',
        'your booth',
        'at the event',
        'feira',
        'estande',
        'no evento',
        'feria',
        'en el evento',
      ],
    },
    then: { setFields: { source: 'event' } },
  },
  {
    key: 'source_website',
    name: 'Lead source: website',
    when: {
      keywords: ['your website', 'your site', 'seu site', 'site de vocês', 'su sitio web', 'su página web'],
    },
    then: { setFields: { source: 'website' } },
  },
];
