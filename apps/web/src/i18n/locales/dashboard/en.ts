// The dashboard screen's messages (en). Filled in with the screen.
export default {
  title: 'Dashboard',
};
