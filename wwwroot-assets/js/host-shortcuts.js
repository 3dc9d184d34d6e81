// The host console's shortcuts (主持台快捷键): Alt+N puts the next approved question, Alt+A marks the question on the
// floor answered, Alt+C goes to the host's text box. Alt keeps them clear of typing, so they work from the text box
// too; e.code, not e.key, so that a keyboard layout or an input method that turns Alt+N into another character still
// sends the shortcut. The console does the work (and says what happened); this only passes the key on.
const keys = { KeyN: 'n', KeyA: 'a', KeyC: 'c' };

export function listen(console) {
  const onKey = e => {
    const key = keys[e.code];
    if (!key || !e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat) return;
    e.preventDefault();
    console.invokeMethodAsync('OnShortcutAsync', key);
  };
  document.addEventListener('keydown', onKey);
  // Says the keys work from now on (the console listens only once its circuit is up).
  document.body.dataset.hostShortcuts = 'on';
  return {
    dispose: () => {
      document.removeEventListener('keydown', onKey);
      delete document.body.dataset.hostShortcuts;
    },
  };
}

// Focuses the first of the selectors that names an element that can take the focus now.
export function focusFirst(selectors) {
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (el && !el.disabled) {
      el.focus();
      if (document.activeElement === el) return;
    }
  }
}
