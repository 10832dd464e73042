// Drafts of forms kept in this browser's localStorage (use-form-draft.ts
// keeps them): where they are, and removing them. Small, because the root
// imports it to remove every draft once a page is shown signed out.

/** Every draft's storage key starts with this, so logging out can remove them all. */
export const DRAFT_PREFIX = "draft:";

// Storage can be missing or full (private windows, quotas): then there is no draft, and nothing breaks.
export const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // No room or no storage: the form still works, without a draft.
    }
  },
  remove(key: string) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // Nothing to remove.
    }
  },
};

/** Whether this browser lets the page keep drafts (false on the server). */
export function draftsAvailable(): boolean {
  try {
    const probe = "cme-draft-probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes every draft whose key starts with `prefix` (a deleted plan's
 * sections); with no prefix, every draft (logging out, so the next person
 * at a shared computer finds none).
 */
export function discardDrafts(prefix = "") {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(`${DRAFT_PREFIX}${prefix}`)) storage.remove(key);
    }
  } catch {
    // No storage: no drafts.
  }
}
