declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce that the Content-Security-Policy allows for scripts. */
    cspNonce: string;
  }
}

export {};
