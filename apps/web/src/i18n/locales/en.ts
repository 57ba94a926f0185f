import admin from './admin/en';
import board from './board/en';
import chat from './chat/en';
import dashboard from './dashboard/en';
import inboxlist from './inboxlist/en';
import profile from './profile/en';

// English: the reference locale. Every other locale has exactly these keys (messages.spec.ts checks it).
export default {
  app: {
    brand: 'Switchboard',
    logout: 'Log out',
    language: 'Language',
  },
  nav: {
    label: 'Main',
    inbox: 'Inbox',
    board: 'Board',
    dashboard: 'Dashboard',
    admin: 'Admin',
  },
  availability: {
    label: 'Availability',
    online: 'Online',
    away: 'Away',
    offline: 'Offline',
    failed: 'Availability not changed.',
  },
  live: {
    live: 'Live',
    connecting: 'Connecting…',
    resyncing: 'Catching up…',
    offline: 'Offline, reconnecting…',
  },
  errors: {
    unreachable: 'The Switchboard API cannot be reached. Is it running?',
    sessionEnded: 'Your session has ended. Please sign in again.',
    http: 'The API answered {status}: {detail}',
  },
  login: {
    title: 'Sign in',
    demoHint: 'The demo prints its logins when it starts (e.g. {example}).',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    or: 'or',
    sso: 'Sign in with {name}',
    missing: 'Enter your e-mail and password.',
    incorrect: 'E-mail or password is incorrect.',
  },
  mfa: {
    title: 'Two-factor code',
    setupHint:
      'Admins must use an authenticator app here. Add this key to your app, then enter the code it shows:',
    hint: 'Enter the 6-digit code from your authenticator app.',
    code: 'Code',
    submit: 'Verify',
    submitting: 'Checking…',
    mismatch: 'That code does not match. Sign in again.',
  },
  accept: {
    title: 'Choose your password',
    newPassword: 'New password',
    repeat: 'Repeat it',
    noToken: 'This link has no token. Ask your admin for a new one.',
    tooShort: 'Choose a password of at least 12 characters.',
    differ: 'The two passwords differ.',
    submit: 'Set password',
    submitting: 'Saving…',
    doneTitle: 'Password set',
    doneText: 'You can sign in now.',
    signIn: 'Sign in',
  },
  inbox: {
    conversations: 'Conversations',
    messages: 'Messages',
    sessionEnded: 'Your session has ended.',
    signInAgain: 'Sign in again',
    retrying: 'Retrying every {seconds} s.',
    loading: 'Loading conversations…',
    empty: 'No conversations yet.',
    unknownContact: 'Unknown contact',
    weRepliedLast: 'we replied last',
    waitingFor: 'waiting for {minutes} min',
    overdueBy: 'overdue {minutes} min',
    tabs: {
      label: 'Which conversations',
      mine: 'Mine',
      unassigned: 'Unassigned',
      all: 'All',
    },
    noOwner: 'no owner',
    noCard: 'no card',
    closed: 'closed',
    noMessagesYet: 'No messages yet',
    selectOne: 'Select a conversation to see its messages.',
    windowClosed: '24-hour window closed',
    loadingMessages: 'Loading messages…',
    noMessages: 'No messages.',
  },
  board,
  chat,
  dashboard,
  inboxlist,
  admin,
  profile,
};
