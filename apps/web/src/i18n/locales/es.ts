import type { Messages } from '../messages';
import admin from './admin/es';
import board from './board/es';
import chat from './chat/es';
import dashboard from './dashboard/es';
import inboxlist from './inboxlist/es';
import profile from './profile/es';

export default {
  app: {
    brand: 'Switchboard',
    logout: 'Cerrar sesión',
    language: 'Idioma',
  },
  nav: {
    label: 'Principal',
    inbox: 'Bandeja de entrada',
    board: 'Tablero',
    dashboard: 'Panel',
    admin: 'Administración',
  },
  availability: {
    label: 'Disponibilidad',
    online: 'Disponible',
    away: 'Ausente',
    offline: 'Desconectado',
    failed: 'No se cambió la disponibilidad.',
  },
  live: {
    live: 'En vivo',
    connecting: 'Conectando…',
    resyncing: 'Actualizando…',
    offline: 'Sin conexión, reconectando…',
  },
  errors: {
    unreachable: 'No se puede acceder a la API de Switchboard. ¿Está en ejecución?',
    sessionEnded: 'Tu sesión terminó. Vuelve a iniciar sesión.',
    http: 'La API respondió {status}: {detail}',
  },
  login: {
    title: 'Iniciar sesión',
    demoHint: 'La demostración muestra sus accesos al arrancar (por ejemplo, {example}).',
    email: 'Correo electrónico',
    password: 'Contraseña',
    submit: 'Iniciar sesión',
    submitting: 'Iniciando sesión…',
    or: 'o',
    sso: 'Iniciar sesión con {name}',
    missing: 'Escribe tu correo electrónico y tu contraseña.',
    incorrect: 'El correo electrónico o la contraseña no son correctos.',
  },
  mfa: {
    title: 'Código de verificación en dos pasos',
    setupHint:
      'Los administradores deben usar una aplicación de autenticación. Añade esta clave a tu aplicación y escribe el código que muestre:',
    hint: 'Escribe el código de 6 dígitos de tu aplicación de autenticación.',
    code: 'Código',
    submit: 'Verificar',
    submitting: 'Verificando…',
    mismatch: 'El código no coincide. Vuelve a iniciar sesión.',
  },
  accept: {
    title: 'Elige tu contraseña',
    newPassword: 'Nueva contraseña',
    repeat: 'Repítela',
    noToken: 'Este enlace no tiene un token. Pide uno nuevo a tu administrador.',
    tooShort: 'Elige una contraseña de al menos 12 caracteres.',
    differ: 'Las dos contraseñas no coinciden.',
    submit: 'Guardar contraseña',
    submitting: 'Guardando…',
    doneTitle: 'Contraseña guardada',
    doneText: 'Ya puedes iniciar sesión.',
    signIn: 'Iniciar sesión',
  },
  inbox: {
    conversations: 'Conversaciones',
    messages: 'Mensajes',
    sessionEnded: 'Tu sesión terminó.',
    signInAgain: 'Volver a iniciar sesión',
    retrying: 'Reintentando cada {seconds} s.',
    loading: 'Cargando conversaciones…',
    empty: 'Todavía no hay conversaciones.',
    unknownContact: 'Contacto desconocido',
    weRepliedLast: 'respondimos por último',
    waitingFor: 'esperando desde hace {minutes} min',
    overdueBy: 'vencida hace {minutes} min',
    tabs: {
      label: 'Qué conversaciones',
      mine: 'Mías',
      unassigned: 'Sin asignar',
      all: 'Todas',
    },
    noOwner: 'sin responsable',
    noCard: 'sin tarjeta',
    closed: 'cerrada',
    noMessagesYet: 'Todavía no hay mensajes',
    selectOne: 'Selecciona una conversación para ver sus mensajes.',
    windowClosed: 'Ventana de 24 horas cerrada',
    loadingMessages: 'Cargando mensajes…',
    noMessages: 'No hay mensajes.',
  },
  board,
  chat,
  dashboard,
  inboxlist,
  admin,
  profile,
} satisfies Messages;
