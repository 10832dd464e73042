declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce that the Content-Security-Policy allows for scripts. */
    cspNonce: string;
    /** The client's address as Express determined it (see TRUST_PROXY). */
    clientIp: string;
  }
}

export {};
