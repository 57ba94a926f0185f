// The board screen's messages (es). Filled in with the screen.
import type { Messages } from '../../messages';

export default {
  title: 'Tablero',
} satisfies Messages['board'];
