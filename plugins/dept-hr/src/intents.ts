import type { TriageIntentInput } from '@switchboard/plugin-sdk';

/** What an employee's request is about, with example phrases that seed triage in each language. */
export const triageIntents: TriageIntentInput[] = [
  {
    key: 'vacation',
    label: 'Vacation or leave',
    examples: {
      en: [
        'I would like to book my vacation',
        'Can I take time off from 10 to 24 July?',
        'How many vacation days do I have left?',
        'I need to change the dates of my leave',
      ],
      'pt-BR': [
        'Gostaria de marcar minhas férias',
        'Posso tirar folga de 10 a 24 de julho?',
        'Quantos dias de férias eu ainda tenho?',
        'Preciso alterar as datas das minhas férias',
      ],
      es: [
        'Quisiera solicitar mis vacaciones',
        '¿Puedo tomar días libres del 10 al 24 de julio?',
        '¿Cuántos días de vacaciones me quedan?',
        'Necesito cambiar las fechas de mis vacaciones',
      ],
    },
  },
  {
    key: 'payslip',
    label: 'Payslip or pay question',
    examples: {
      en: [
        "I haven't received my payslip",
        'Can you send me my payslip for March?',
        'My salary came in lower this month',
        'There is a wrong deduction on my pay',
      ],
      'pt-BR': [
        'Não recebi meu holerite',
        'Pode me enviar o contracheque de março?',
        'Meu salário veio menor este mês',
        'Tem um desconto errado no meu pagamento',
      ],
      es: [
        'No he recibido mi recibo de nómina',
        '¿Me pueden enviar mi recibo de sueldo de marzo?',
        'Mi sueldo llegó más bajo este mes',
        'Hay un descuento incorrecto en mi pago',
      ],
    },
  },
  {
    key: 'documents',
    label: 'Documents and certificates',
    examples: {
      en: [
        'I need an employment certificate',
        'Can I get a proof of income for the bank?',
        'Where do I send my medical certificate?',
        'I need a copy of my contract',
      ],
      'pt-BR': [
        'Preciso de uma declaração de vínculo empregatício',
        'Pode me dar um comprovante de renda para o banco?',
        'Para onde envio meu atestado médico?',
        'Preciso de uma cópia do meu contrato',
      ],
      es: [
        'Necesito una constancia laboral',
        '¿Me pueden dar un comprobante de ingresos para el banco?',
        '¿A dónde envío mi certificado médico?',
        'Necesito una copia de mi contrato',
      ],
    },
  },
  {
    key: 'onboarding',
    label: 'Onboarding',
    examples: {
      en: [
        'I start next Monday, what do I need to bring?',
        'Which documents do I need for my admission?',
        "I haven't received my access to the systems yet",
        'When is the onboarding session for new hires?',
      ],
      'pt-BR': [
        'Começo na segunda que vem, o que preciso levar?',
        'Quais documentos preciso para a admissão?',
        'Ainda não recebi meus acessos aos sistemas',
        'Quando é a integração dos novos colaboradores?',
      ],
      es: [
        'Empiezo el próximo lunes, ¿qué debo llevar?',
        '¿Qué documentos necesito para mi alta?',
        'Todavía no recibí mis accesos a los sistemas',
        '¿Cuándo es la inducción para los nuevos empleados?',
      ],
    },
  },
];
