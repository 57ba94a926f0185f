import type { MessageTemplateInput } from '@switchboard/plugin-sdk';

/** Customer-facing messages. `{{name}}` is the customer's name (the card title). */
export const templates: MessageTemplateInput[] = [
  {
    key: 'greeting',
    purpose: 'greeting',
    text: {
      en: 'Hi {{name}}, thanks for contacting Customer Support! Please describe how we can help and, if it is about an order, include the order number.',
      'pt-BR':
        'Olá, {{name}}! Obrigado por entrar em contato com o Suporte. Conte como podemos ajudar e, se for sobre um pedido, informe o número do pedido.',
      es: '¡Hola, {{name}}! Gracias por contactar a Soporte. Cuéntenos cómo podemos ayudarle y, si se trata de un pedido, indique el número del pedido.',
    },
  },
  {
    key: 'out_of_hours',
    purpose: 'out_of_hours',
    text: {
      en: "Thanks for your message! Our Support team is outside business hours right now. We've registered your request and will reply as soon as we're back.",
      'pt-BR':
        'Obrigado pela mensagem! Nosso time de Suporte está fora do horário de atendimento no momento. Sua solicitação foi registrada e responderemos assim que voltarmos.',
      es: '¡Gracias por su mensaje! Nuestro equipo de Soporte está fuera del horario de atención en este momento. Registramos su solicitud y le responderemos en cuanto volvamos.',
    },
  },
  {
    key: 'closing',
    purpose: 'closing',
    text: {
      en: "Thanks for contacting us, {{name}}! We're glad we could help: your request has been resolved. If anything else comes up, just send us a message here.",
      'pt-BR':
        'Obrigado pelo contato, {{name}}! Que bom que pudemos ajudar: sua solicitação foi resolvida. Se precisar de mais alguma coisa, é só mandar uma mensagem por aqui.',
      es: '¡Gracias por contactarnos, {{name}}! Nos alegra haber podido ayudarle: su solicitud ha sido resuelta. Si necesita algo más, solo envíenos un mensaje por aquí.',
    },
  },
  {
    key: 'csat',
    purpose: 'csat',
    text: {
      en: 'How would you rate the help you received from our Support team? Please reply with a number from 1 (very dissatisfied) to 5 (very satisfied).',
      'pt-BR':
        'Como você avalia o atendimento do nosso time de Suporte? Responda com uma nota de 1 (muito insatisfeito) a 5 (muito satisfeito).',
      es: '¿Cómo calificaría la atención de nuestro equipo de Soporte? Responda con un número del 1 (muy insatisfecho) al 5 (muy satisfecho).',
    },
  },
];
