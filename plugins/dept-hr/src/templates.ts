import type { MessageTemplateInput } from '@switchboard/plugin-sdk';

/** Messages to employees. `{{name}}` is the employee's name (the card title). */
export const templates: MessageTemplateInput[] = [
  {
    key: 'greeting',
    purpose: 'greeting',
    text: {
      en: "Hi {{name}}, you've reached the HR team. How can we help? For vacation requests, please include your employee ID and the dates.",
      'pt-BR':
        'Olá, {{name}}! Aqui é o time de RH. Como podemos ajudar? Para pedidos de férias, informe sua matrícula e as datas.',
      es: '¡Hola, {{name}}! Le atiende el equipo de Recursos Humanos. ¿En qué podemos ayudarle? Para solicitudes de vacaciones, indique su número de empleado y las fechas.',
    },
  },
  {
    key: 'out_of_hours',
    purpose: 'out_of_hours',
    text: {
      en: "Thanks for your message! The HR team is outside working hours right now. We've received your request and will reply as soon as we're back.",
      'pt-BR':
        'Obrigado pela mensagem! O time de RH está fora do horário de expediente no momento. Recebemos sua solicitação e responderemos assim que voltarmos.',
      es: '¡Gracias por su mensaje! El equipo de Recursos Humanos está fuera del horario laboral en este momento. Recibimos su solicitud y le responderemos en cuanto volvamos.',
    },
  },
  {
    key: 'closing',
    purpose: 'closing',
    text: {
      en: 'Hi {{name}}, your request has been completed. If you need anything else from HR, just send us a message here.',
      'pt-BR':
        'Olá, {{name}}! Sua solicitação foi concluída. Se precisar de mais alguma coisa do RH, é só mandar uma mensagem por aqui.',
      es: '¡Hola, {{name}}! Su solicitud ha sido completada. Si necesita algo más de Recursos Humanos, solo envíenos un mensaje por aquí.',
    },
  },
  // Not sent by this plugin's automations; shipped so a CSAT survey can be sent by hand or enabled later.
  {
    key: 'csat',
    purpose: 'csat',
    text: {
      en: 'How would you rate the help you received from HR? Please reply with a number from 1 (very dissatisfied) to 5 (very satisfied).',
      'pt-BR':
        'Como você avalia o atendimento do RH? Responda com uma nota de 1 (muito insatisfeito) a 5 (muito satisfeito).',
      es: '¿Cómo calificaría la atención de Recursos Humanos? Responda con un número del 1 (muy insatisfecho) al 5 (muy satisfecho).',
    },
  },
];
