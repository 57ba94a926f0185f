// The board screen's messages (en). Filled in with the screen.
export default {
  title: 'Board',
};
