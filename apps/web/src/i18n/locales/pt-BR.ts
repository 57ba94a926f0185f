import type { Messages } from '../messages';
import admin from './admin/pt-BR';
import board from './board/pt-BR';
import chat from './chat/pt-BR';
import dashboard from './dashboard/pt-BR';
import inboxlist from './inboxlist/pt-BR';
import profile from './profile/pt-BR';

export default {
  app: {
    brand: 'Switchboard',
    logout: 'Sair',
    language: 'Idioma',
  },
  nav: {
    label: 'Principal',
    inbox: 'Caixa de entrada',
    board: 'Quadro',
    dashboard: 'Painel',
    admin: 'Administração',
  },
  availability: {
    label: 'Disponibilidade',
    online: 'Disponível',
    away: 'Ausente',
    offline: 'Offline',
    failed: 'A disponibilidade não foi alterada.',
  },
  live: {
    live: 'Ao vivo',
    connecting: 'Conectando…',
    resyncing: 'Atualizando…',
    offline: 'Sem conexão, reconectando…',
  },
  errors: {
    unreachable: 'Não foi possível acessar a API do Switchboard. Ela está em execução?',
    sessionEnded: 'Sua sessão terminou. Entre novamente.',
    http: 'A API respondeu {status}: {detail}',
  },
  login: {
    title: 'Entrar',
    demoHint: 'A demonstração mostra os logins ao iniciar (por exemplo, {example}).',
    email: 'E-mail',
    password: 'Senha',
    submit: 'Entrar',
    submitting: 'Entrando…',
    or: 'ou',
    sso: 'Entrar com {name}',
    missing: 'Informe seu e-mail e sua senha.',
    incorrect: 'E-mail ou senha incorretos.',
  },
  mfa: {
    title: 'Código de verificação em duas etapas',
    setupHint:
      'Administradores precisam usar um aplicativo autenticador. Adicione esta chave ao aplicativo e digite o código que ele mostrar:',
    hint: 'Digite o código de 6 dígitos do seu aplicativo autenticador.',
    code: 'Código',
    submit: 'Verificar',
    submitting: 'Verificando…',
    mismatch: 'O código não confere. Entre novamente.',
  },
  accept: {
    title: 'Escolha sua senha',
    newPassword: 'Nova senha',
    repeat: 'Repita a senha',
    noToken: 'Este link não tem um token. Peça um novo ao administrador.',
    tooShort: 'Escolha uma senha com pelo menos 12 caracteres.',
    differ: 'As duas senhas são diferentes.',
    submit: 'Definir senha',
    submitting: 'Salvando…',
    doneTitle: 'Senha definida',
    doneText: 'Agora você já pode entrar.',
    signIn: 'Entrar',
  },
  inbox: {
    conversations: 'Conversas',
    messages: 'Mensagens',
    sessionEnded: 'Sua sessão terminou.',
    signInAgain: 'Entrar novamente',
    retrying: 'Tentando de novo a cada {seconds} s.',
    loading: 'Carregando conversas…',
    empty: 'Nenhuma conversa ainda.',
    unknownContact: 'Contato desconhecido',
    weRepliedLast: 'respondemos por último',
    waitingFor: 'aguardando há {minutes} min',
    overdueBy: 'atrasada há {minutes} min',
    tabs: {
      label: 'Quais conversas',
      mine: 'Minhas',
      unassigned: 'Sem responsável',
      all: 'Todas',
    },
    noOwner: 'sem responsável',
    noCard: 'sem cartão',
    closed: 'encerrada',
    noMessagesYet: 'Nenhuma mensagem ainda',
    selectOne: 'Selecione uma conversa para ver as mensagens.',
    windowClosed: 'Janela de 24 horas fechada',
    loadingMessages: 'Carregando mensagens…',
    noMessages: 'Nenhuma mensagem.',
  },
  board,
  chat,
  dashboard,
  inboxlist,
  admin,
  profile,
} satisfies Messages;
