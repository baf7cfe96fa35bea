import { describe, expect, it } from "vitest";
import { clientIpOf, parseTrustedProxies } from "./client-ip.server";

const trusted = (raw: string) => {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.proxies;
};

describe("parseTrustedProxies", () => {
  it("reads comma-separated addresses, IPv4 and IPv6; unset or empty trusts none", () => {
    expect([...trusted(" 127.0.0.1, ::1 ,10.0.0.5")]).toEqual(["127.0.0.1", "::1", "10.0.0.5"]);
    expect(trusted("").size).toBe(0);
    expect(parseTrustedProxies(undefined)).toEqual({ ok: true, proxies: new Set() });
  });

  it("refuses a range or a name, naming it", () => {
    expect(parseTrustedProxies("127.0.0.1,10.0.0.0/8")).toEqual({ ok: false, error: expect.stringContaining('"10.0.0.0/8" is not an IP address') });
    expect(parseTrustedProxies("proxy.internal")).toMatchObject({ ok: false });
  });
});

describe("clientIpOf", () => {
  const proxies = trusted("127.0.0.1,10.0.0.5");

  it("is the socket's peer when no proxy is trusted, whatever the client sends", () => {
    expect(clientIpOf("198.51.100.7", "203.0.113.1", new Set())).toBe("198.51.100.7");
    expect(clientIpOf(undefined, undefined, new Set())).toBe("unknown");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientIpOf("198.51.100.7", "203.0.113.1", proxies)).toBe("198.51.100.7");
  });

  it("from a trusted proxy: the nearest forwarded address that is not a trusted proxy", () => {
    expect(clientIpOf("127.0.0.1", "203.0.113.9", proxies)).toBe("203.0.113.9");
    expect(clientIpOf("::ffff:127.0.0.1", "203.0.113.9", proxies)).toBe("203.0.113.9");
    // Two proxies (a load balancer, then nginx): both trusted, so the client is the one before them.
    expect(clientIpOf("127.0.0.1", "203.0.113.9, 10.0.0.5", proxies)).toBe("203.0.113.9");
    // A client that sends its own header cannot choose its address: the proxy appended the real peer to it.
    expect(clientIpOf("127.0.0.1", "1.2.3.4, 198.51.100.66", proxies)).toBe("198.51.100.66");
    expect(clientIpOf("127.0.0.1", ["1.2.3.4", "198.51.100.66"], proxies)).toBe("198.51.100.66");
  });

  it("falls back to the peer when the header is missing, all trusted, or not an address", () => {
    expect(clientIpOf("127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
    expect(clientIpOf("127.0.0.1", "10.0.0.5", proxies)).toBe("127.0.0.1");
    expect(clientIpOf("127.0.0.1", "203.0.113.9, nonsense", proxies)).toBe("127.0.0.1");
  });
});
