// The conversation screen's messages (es). Filled in with the screen.
import type { Messages } from '../../messages';

export default {} satisfies Messages['chat'];
