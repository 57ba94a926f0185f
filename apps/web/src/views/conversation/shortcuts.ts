/** The keyboard shortcuts of the inbox, as the help dialog lists them; keys are written out whole. */
export const SHORTCUTS: { keys: string; label: string }[] = [
  { keys: 'j / k', label: 'chat.shortcuts.nextPrevious' },
  { keys: 'r', label: 'chat.shortcuts.reply' },
  { keys: 'n', label: 'chat.shortcuts.note' },
  { keys: 'c', label: 'chat.shortcuts.claim' },
  { keys: 't', label: 'chat.shortcuts.takeOver' },
  { keys: 's', label: 'chat.shortcuts.snooze' },
  { keys: 'e', label: 'chat.shortcuts.closeReopen' },
  { keys: 'Enter', label: 'chat.shortcuts.send' },
  { keys: 'Shift+Enter', label: 'chat.shortcuts.newLine' },
  { keys: 'Esc', label: 'chat.shortcuts.cancel' },
  { keys: '?', label: 'chat.shortcuts.help' },
];

/** A key pressed while typing in a field belongs to the field, and one with a modifier to the browser. */
export function isShortcut(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
  const target = event.target as HTMLElement | null;
  if (!target) return true;
  // An open dialog keeps its keys; a closed one may still hold the focus for a moment after closing.
  return !target.closest('input, textarea, select, [contenteditable="true"], dialog[open]');
}
