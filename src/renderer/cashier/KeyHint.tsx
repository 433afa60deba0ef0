/**
 * The keyboard key for a button, shown on it ("Esc", "Enter · N"). Hidden from assistive technology:
 * the button's accessible name stays its label, and its aria-keyshortcuts says the keys.
 */
export function KeyHint({ keys }: { keys: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {keys}
    </kbd>
  );
}
