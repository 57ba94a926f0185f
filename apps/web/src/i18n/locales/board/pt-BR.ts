// The board screen's messages (pt-BR). Filled in with the screen.
import type { Messages } from '../../messages';

export default {
  title: 'Quadro',
} satisfies Messages['board'];
