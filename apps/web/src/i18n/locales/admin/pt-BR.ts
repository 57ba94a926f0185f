// The admin screen's messages (pt-BR). Filled in with the screen.
import type { Messages } from '../../messages';

export default {
  title: 'Administração',
} satisfies Messages['admin'];
