// localStorage can be unavailable (private windows, some Teams webviews): the tab then forgets
// choices between visits instead of failing.

/** A stored value, or null when absent or when storage is unavailable. */
export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores a value; does nothing when storage is unavailable. */
export function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Unavailable storage: the choice lasts for this page only.
  }
}
