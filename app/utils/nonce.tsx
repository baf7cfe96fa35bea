import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce, provided by app/entry.server.tsx around the whole render so the root can put
 * it on Remix's inline scripts. In the browser it is "" (browsers hide nonce attributes from scripts anyway).
 */
export const NonceContext = createContext("");

export const useNonce = () => useContext(NonceContext);
