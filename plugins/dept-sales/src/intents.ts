import type { TriageIntentInput } from '@switchboard/plugin-sdk';

/** What a new sales conversation is about, with example phrases that seed triage in each language. */
export const triageIntents: TriageIntentInput[] = [
  {
    key: 'pricing',
    label: 'Pricing question',
    examples: {
      en: [
        'How much does it cost?',
        'Can you send me your price list?',
        'What are the prices of your plans?',
        'I would like a quote for 20 users',
      ],
      'pt-BR': [
        'Quanto custa?',
        'Pode me mandar a tabela de preços?',
        'Qual o valor dos planos?',
        'Gostaria de um orçamento para 20 usuários',
      ],
      es: [
        '¿Cuánto cuesta?',
        '¿Me puede enviar la lista de precios?',
        '¿Cuáles son los precios de sus planes?',
        'Quisiera una cotización para 20 usuarios',
      ],
    },
  },
  {
    key: 'demo_request',
    label: 'Demo request',
    examples: {
      en: [
        'Can I schedule a demo?',
        'I would like to see the product working',
        'Do you offer a free trial?',
        'Could someone show us how it works this week?',
      ],
      'pt-BR': [
        'Posso agendar uma demonstração?',
        'Gostaria de ver o produto funcionando',
        'Vocês têm teste grátis?',
        'Alguém pode nos mostrar como funciona esta semana?',
      ],
      es: [
        '¿Puedo agendar una demostración?',
        'Me gustaría ver el producto funcionando',
        '¿Tienen una prueba gratuita?',
        '¿Alguien nos puede mostrar cómo funciona esta semana?',
      ],
    },
  },
  {
    key: 'purchase',
    label: 'Wants to buy',
    examples: {
      en: [
        'I want to buy the professional plan',
        'How do I place an order?',
        "We're ready to sign, what's next?",
        'Can I pay by bank transfer?',
      ],
      'pt-BR': [
        'Quero comprar o plano profissional',
        'Como faço um pedido?',
        'Estamos prontos para fechar, qual o próximo passo?',
        'Posso pagar por boleto ou Pix?',
      ],
      es: [
        'Quiero comprar el plan profesional',
        '¿Cómo hago un pedido?',
        'Estamos listos para firmar, ¿cuál es el siguiente paso?',
        '¿Puedo pagar por transferencia bancaria?',
      ],
    },
  },
  {
    key: 'partnership',
    label: 'Partnership or reseller',
    examples: {
      en: [
        'We would like to become a reseller',
        'Do you have a partner program?',
        'I represent a distributor interested in your products',
        'Can we discuss a partnership?',
      ],
      'pt-BR': [
        'Gostaríamos de ser revendedores',
        'Vocês têm programa de parceiros?',
        'Represento um distribuidor interessado nos seus produtos',
        'Podemos conversar sobre uma parceria?',
      ],
      es: [
        'Nos gustaría ser revendedores',
        '¿Tienen un programa de socios?',
        'Represento a un distribuidor interesado en sus productos',
        '¿Podemos hablar de una alianza comercial?',
      ],
    },
  },
];
