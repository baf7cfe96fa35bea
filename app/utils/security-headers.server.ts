// Browser security headers for every response the app makes. Documents get a CSP whose only inline
// scripts are Remix's own, marked with a per-request nonce; everything else (API JSON, downloads,
// redirects) gets a CSP that allows nothing. Values a route set itself are kept.

/**
 * Where a form may send the browser besides us: with card payment on (a Stripe key is set), the pay and payout
 * buttons are plain form posts answered with a redirect to Stripe's Checkout or Connect onboarding — and a browser
 * applies `form-action` to that redirect too. With a local stand-in (STRIPE_API_BASE), its origin instead.
 */
export function formActionOrigins(env: { STRIPE_SECRET_KEY?: string; STRIPE_API_BASE?: string }): string[] {
  if (!env.STRIPE_SECRET_KEY) return [];
  if (env.STRIPE_API_BASE) return [new URL(env.STRIPE_API_BASE).origin];
  return ["https://checkout.stripe.com", "https://connect.stripe.com"];
}

/** The document CSP: scripts only from us or with this response's nonce; no framing, plugins or <base>. */
export function documentCsp(nonce: string, formTargets: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // The charts size and colour bars with style attributes (React's style prop); no <style> element is allowed.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

const NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Sets what is missing: CSP, no framing, nosniff, referrer and permissions policies, HSTS in production,
 * and `Cache-Control: no-store` — pages and API answers hold prices, sealed-bid counts and personal data,
 * so no shared or browser cache keeps them (static assets are served before the app and keep theirs).
 */
export function applySecurityHeaders(headers: Headers, opts: { production: boolean }): void {
  const setDefault = (name: string, value: string) => {
    if (!headers.has(name)) headers.set(name, value);
  };
  setDefault("Content-Security-Policy", NOTHING_CSP);
  setDefault("X-Frame-Options", "DENY");
  setDefault("X-Content-Type-Options", "nosniff");
  setDefault("Referrer-Policy", "strict-origin-when-cross-origin");
  setDefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  setDefault("Cross-Origin-Opener-Policy", "same-origin");
  setDefault("Cache-Control", "no-store");
  if (opts.production) setDefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}
