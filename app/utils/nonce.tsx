import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

/** The per-request Content-Security-Policy nonce for inline scripts. */
export const useNonce = () => useContext(NonceContext);
