// A draft of a form kept in this browser as the member types (with
// JavaScript; without it the form simply posts). The form stays uncontrolled:
// the hook reads its fields from the DOM on every input, writes them to
// localStorage after a short pause, and puts them back when the page is
// opened again. A draft equal to what the page was rendered with is no
// draft: it is removed, so only unsaved changes come back.
import { useCallback, useEffect, useRef, useState } from "react";
import { DRAFT_PREFIX, storage } from "./drafts";

/** A form's named fields as FormData sends them: name → values in order. */
type Values = Record<string, string[]>;

const DRAFT_DELAY_MS = 300;
/** A draft older than this is dropped rather than offered back. */
const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * What is stored: the values, what the form held when the draft was
 * started (`base`: if the saved values differ now, they were saved
 * elsewhere since), and when it was written.
 */
type DraftRecord = { values: string; base: string; at: number };

function readRecord(stored: string | null): DraftRecord | null {
  if (stored === null) return null;
  try {
    const record: unknown = JSON.parse(stored);
    if (typeof record !== "object" || record === null) return null;
    const { values, base, at } = record as Record<string, unknown>;
    if (typeof values !== "string" || typeof base !== "string" || typeof at !== "number") return null;
    return Date.now() - at > DRAFT_MAX_AGE_MS ? null : { values, base, at };
  } catch {
    return null;
  }
}

function readValues(form: HTMLFormElement): Values {
  const values: Values = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string" || name === "intent") continue;
    (values[name] ??= []).push(value);
  }
  return values;
}

/** Puts values back into the form's text fields, radios and checkboxes. */
function writeValues(form: HTMLFormElement, values: Values) {
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) || !element.name) continue;
    if (element.name === "intent" || element.type === "hidden" || element.type === "submit") continue;
    const wanted = values[element.name] ?? [];
    if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
      element.checked = wanted.includes(element.value);
    } else {
      element.value = wanted[0] ?? "";
    }
  }
}

/** Sorted keys, so the same values always read the same. */
const serialize = (values: Values) => JSON.stringify(Object.keys(values).sort().map((name) => [name, values[name]]));

function parse(stored: string): Values | null {
  try {
    const entries: unknown = JSON.parse(stored);
    if (!Array.isArray(entries)) return null;
    const values: Values = {};
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || !Array.isArray(entry[1])) return null;
      values[entry[0]] = entry[1].filter((v: unknown): v is string => typeof v === "string");
    }
    return values;
  } catch {
    return null;
  }
}

/**
 * Keeps a draft of the form in `formRef` under `name`. Returns whether the
 * form differs from what it was rendered with (`dirty`), whether a draft was
 * put back when the page opened (`restored`, with `savedSince` when the form
 * was saved elsewhere after the draft was started), `discard` (back to the saved
 * values, draft removed) and `saved` (call once the form's values are saved:
 * they become the new starting point, and the draft goes).
 */
export function useFormDraft(formRef: React.RefObject<HTMLFormElement | null>, name: string) {
  const key = `${DRAFT_PREFIX}${name}`;
  const [dirty, setDirty] = useState(false);
  const [restored, setRestored] = useState<{ savedSince: boolean } | null>(null);
  // What the form held when the page was rendered (or last saved).
  const baseline = useRef<string | null>(null);
  // A restored draft keeps the base it was started from.
  const draftBase = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const store = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const form = formRef.current;
    if (!form || baseline.current === null) return;
    const now = serialize(readValues(form));
    if (now === baseline.current) storage.remove(key);
    else storage.set(key, JSON.stringify({ values: now, base: draftBase.current ?? baseline.current, at: Date.now() }));
  }, [formRef, key]);

  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    baseline.current = serialize(readValues(form));
    const stored = storage.get(key);
    const record = readRecord(stored);
    const draft = record && parse(record.values);
    if (record && draft && record.values !== baseline.current) {
      writeValues(form, draft);
      draftBase.current = record.base;
      setRestored({ savedSince: record.base !== baseline.current });
      setDirty(true);
    } else if (stored !== null) {
      storage.remove(key);
    }

    const onInput = () => {
      setDirty(serialize(readValues(form)) !== baseline.current);
      clearTimeout(timer.current);
      timer.current = setTimeout(store, DRAFT_DELAY_MS);
    };
    // Leaving the page (reload, closing the tab) within the pause still keeps the draft.
    const flush = () => {
      if (timer.current !== undefined) store();
    };
    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    window.addEventListener("pagehide", flush);
    return () => {
      flush();
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      window.removeEventListener("pagehide", flush);
    };
  }, [formRef, key, store]);

  const reset = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    storage.remove(key);
    draftBase.current = null;
    setDirty(false);
    setRestored(null);
  }, [key]);

  /** Back to the values the page was rendered with (or last saved). */
  const discard = useCallback(() => {
    const form = formRef.current;
    const values = baseline.current === null ? null : parse(baseline.current);
    if (form && values) writeValues(form, values);
    reset();
  }, [formRef, reset]);

  /** The form's current values are saved: they are the new starting point. */
  const saved = useCallback(() => {
    const form = formRef.current;
    if (form) baseline.current = serialize(readValues(form));
    reset();
  }, [formRef, reset]);

  return { dirty, restored, discard, saved };
}
