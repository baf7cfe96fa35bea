import { isIP } from "node:net";

// The client address the rate limits count (log-in, sign-up, password reset) and sessions record. By default it is
// the socket's peer and nothing a client sends can change it. Behind a reverse proxy (nginx on the same host, a load
// balancer) every socket comes from the proxy, so every user would share one address and one user's wrong passwords
// would block everybody's log-in: TRUSTED_PROXIES names the proxies' addresses, and a request arriving from one of
// them is attributed to the nearest address in X-Forwarded-For that is not itself a trusted proxy (the proxy appends
// the peer it saw; anything further left was written by the client and is not believed past that point).

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
function normalize(address: string): string {
  const a = address.trim();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** TRUSTED_PROXIES: comma-separated IP addresses (no ranges); empty or unset trusts none. An error names a bad entry. */
export function parseTrustedProxies(raw: string | undefined): { ok: true; proxies: ReadonlySet<string> } | { ok: false; error: string } {
  const entries = (raw ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  const bad = entries.find((e) => isIP(e) === 0);
  if (bad !== undefined) return { ok: false, error: `TRUSTED_PROXIES: "${bad}" is not an IP address (list the proxies' addresses, comma-separated)` };
  return { ok: true, proxies: new Set(entries.map(normalize)) };
}

/** The address to count a request against (see above). */
export function clientIpOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: ReadonlySet<string>): string {
  const peer = socketAddress ?? "unknown";
  if (trusted.size === 0 || !trusted.has(normalize(peer))) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",").map(normalize);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer; // not written by a proxy we trust: believe nothing further
    if (!trusted.has(hop)) return hop;
  }
  return peer;
}
