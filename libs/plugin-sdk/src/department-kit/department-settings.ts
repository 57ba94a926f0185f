import { z } from 'zod';
import { businessHoursSchema } from '../business-hours';

/**
 * Settings most department plugins share; extend it for your own (`departmentSettingsSchema.extend({...})`).
 * Every key has a default: installations start from `parse({})`. The `.meta()` labels are what the admin screen
 * shows beside each field (text per language, `en` the fallback).
 */
export const departmentSettingsSchema = z.object({
  /** Language of the templates sent to customers (the runtime's sendTemplate reads this key). */
  language: z
    .enum(['en', 'pt-BR', 'es'])
    .default('en')
    .meta({
      label: {
        en: 'Language of messages to customers',
        'pt-BR': 'Idioma das mensagens aos clientes',
        es: 'Idioma de los mensajes a los clientes',
      },
      optionLabels: {
        en: { en: 'English', 'pt-BR': 'Inglês', es: 'Inglés' },
        'pt-BR': { en: 'Portuguese (Brazil)', 'pt-BR': 'Português (Brasil)', es: 'Portugués (Brasil)' },
        es: { en: 'Spanish', 'pt-BR': 'Espanhol', es: 'Español' },
      },
    }),
  /** Send the greeting template when a new conversation opens a card. */
  greetNewConversations: z
    .boolean()
    .default(true)
    .meta({
      label: {
        en: 'Greet new conversations',
        'pt-BR': 'Saudar novas conversas',
        es: 'Saludar las conversaciones nuevas',
      },
    }),
  /** Outside these hours a customer gets the out-of-hours template. */
  businessHours: businessHoursSchema
    .default(() => businessHoursSchema.parse({}))
    .meta({
      label: { en: 'Business hours', 'pt-BR': 'Horário de atendimento', es: 'Horario de atención' },
      hint: {
        en: 'Outside these hours customers get the out-of-hours message.',
        'pt-BR': 'Fora deste horário os clientes recebem a mensagem de fora do expediente.',
        es: 'Fuera de este horario los clientes reciben el mensaje de fuera de horario.',
      },
    }),
  /** Follow the closing message with the satisfaction survey. */
  csatOnClose: z
    .boolean()
    .default(true)
    .meta({
      label: {
        en: 'Send the satisfaction survey on closing',
        'pt-BR': 'Enviar a pesquisa de satisfação ao encerrar',
        es: 'Enviar la encuesta de satisfacción al cerrar',
      },
    }),
});

export type DepartmentSettings = z.output<typeof departmentSettingsSchema>;
