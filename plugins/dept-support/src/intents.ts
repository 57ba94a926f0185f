import type { TriageIntentInput } from '@switchboard/plugin-sdk';

/** What a support request is about, with example phrases that seed triage in each language. */
export const triageIntents: TriageIntentInput[] = [
  {
    key: 'order_status',
    label: 'Order status or delivery',
    examples: {
      en: [
        'Where is my order?',
        "My order hasn't arrived yet",
        'Can you give me the tracking number?',
        'When will order 48213 be delivered?',
      ],
      'pt-BR': [
        'Cadê o meu pedido?',
        'Meu pedido ainda não chegou',
        'Pode me passar o código de rastreio?',
        'Quando o pedido 48213 vai ser entregue?',
      ],
      es: [
        '¿Dónde está mi pedido?',
        'Mi pedido todavía no ha llegado',
        '¿Me pueden dar el número de seguimiento?',
        '¿Cuándo entregan el pedido 48213?',
      ],
    },
  },
  {
    key: 'refund',
    label: 'Refund or return',
    examples: {
      en: [
        'I want my money back',
        'How do I return a product?',
        'The item arrived damaged, I need a refund',
        'I cancelled my order, when will I be refunded?',
      ],
      'pt-BR': [
        'Quero meu dinheiro de volta',
        'Como faço para devolver um produto?',
        'O produto chegou com defeito, preciso do reembolso',
        'Cancelei meu pedido, quando vou receber o estorno?',
      ],
      es: [
        'Quiero que me devuelvan el dinero',
        '¿Cómo devuelvo un producto?',
        'El artículo llegó dañado, necesito un reembolso',
        'Cancelé mi pedido, ¿cuándo me reembolsan?',
      ],
    },
  },
  {
    key: 'technical_issue',
    label: 'Technical problem',
    examples: {
      en: [
        "The app isn't working",
        'I get an error when I try to log in',
        'The system is very slow today',
        'The device stopped turning on',
      ],
      'pt-BR': [
        'O aplicativo não está funcionando',
        'Dá erro quando tento entrar',
        'O sistema está muito lento hoje',
        'O aparelho parou de ligar',
      ],
      es: [
        'La aplicación no funciona',
        'Me sale un error cuando intento iniciar sesión',
        'El sistema está muy lento hoy',
        'El equipo dejó de encender',
      ],
    },
  },
  {
    key: 'billing',
    label: 'Billing and payments',
    examples: {
      en: [
        'I was charged twice',
        'Can you send me the invoice?',
        "My payment didn't go through",
        "There's a charge on my card I don't recognise",
      ],
      'pt-BR': [
        'Fui cobrado duas vezes',
        'Pode me enviar a nota fiscal?',
        'Meu pagamento não foi aprovado',
        'Tem uma cobrança no meu cartão que eu não reconheço',
      ],
      es: [
        'Me cobraron dos veces',
        '¿Me pueden enviar la factura?',
        'Mi pago no fue aprobado',
        'Hay un cargo en mi tarjeta que no reconozco',
      ],
    },
  },
];
