// The admin screen's messages (en). Filled in with the screen.
export default {
  title: 'Administration',
};
