// The dashboard screen's messages (pt-BR). Filled in with the screen.
import type { Messages } from '../../messages';

export default {
  title: 'Dashboard',
} satisfies Messages['dashboard'];
