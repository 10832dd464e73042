import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/**
 * True once React has hydrated in the browser; false on the server and in the
 * first render. For controls that only work with JavaScript (printing,
 * copying): render them only then, beside a way that works without.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
