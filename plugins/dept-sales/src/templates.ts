import type { MessageTemplateInput } from '@switchboard/plugin-sdk';

/** Customer-facing messages. `{{name}}` is the customer's name (the card title). */
export const templates: MessageTemplateInput[] = [
  {
    key: 'greeting',
    purpose: 'greeting',
    text: {
      en: "Hi {{name}}, thanks for contacting our Sales team! Tell us what you're looking for and a consultant will get back to you shortly.",
      'pt-BR':
        'Olá, {{name}}! Obrigado por falar com o nosso time de Vendas. Conte o que você procura e um consultor vai responder em instantes.',
      es: '¡Hola, {{name}}! Gracias por contactar a nuestro equipo de Ventas. Cuéntenos qué está buscando y un asesor le responderá en breve.',
    },
  },
  {
    key: 'out_of_hours',
    purpose: 'out_of_hours',
    text: {
      en: "Thanks for your message! Our Sales team is outside business hours right now. We've received it and will reply as soon as we're back.",
      'pt-BR':
        'Obrigado pela mensagem! Nosso time de Vendas está fora do horário de atendimento no momento. Já recebemos sua mensagem e responderemos assim que voltarmos.',
      es: '¡Gracias por su mensaje! Nuestro equipo de Ventas está fuera del horario de atención en este momento. Ya lo recibimos y le responderemos en cuanto volvamos.',
    },
  },
  {
    key: 'closing',
    purpose: 'closing',
    text: {
      en: 'Thank you for your business, {{name}}! It was a pleasure working with you. If you need anything else, just send us a message here.',
      'pt-BR':
        'Obrigado pela confiança, {{name}}! Foi um prazer atender você. Se precisar de mais alguma coisa, é só mandar uma mensagem por aqui.',
      es: '¡Gracias por su confianza, {{name}}! Fue un placer atenderle. Si necesita algo más, solo envíenos un mensaje por aquí.',
    },
  },
  {
    key: 'csat',
    purpose: 'csat',
    text: {
      en: 'How would you rate your experience with our Sales team? Please reply with a number from 1 (very dissatisfied) to 5 (very satisfied).',
      'pt-BR':
        'Como você avalia o atendimento do nosso time de Vendas? Responda com uma nota de 1 (muito insatisfeito) a 5 (muito satisfeito).',
      es: '¿Cómo calificaría la atención de nuestro equipo de Ventas? Responda con un número del 1 (muy insatisfecho) al 5 (muy satisfecho).',
    },
  },
];
