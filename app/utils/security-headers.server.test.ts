import { describe, expect, it } from "vitest";
import { documentCsp, formActionOrigins } from "./security-headers.server";

const formAction = (csp: string) => csp.split("; ").find((d) => d.startsWith("form-action"));

describe("form-action in the document CSP", () => {
  it("is ours alone without a Stripe key", () => {
    expect(formActionOrigins({})).toEqual([]);
    expect(formAction(documentCsp("n", formActionOrigins({ STRIPE_API_BASE: "http://127.0.0.1:12111" })))).toBe("form-action 'self'");
  });

  it("adds Stripe's Checkout and Connect origins with a key, since the pay and payout buttons redirect there", () => {
    expect(formAction(documentCsp("n", formActionOrigins({ STRIPE_SECRET_KEY: "sk_live_x" })))).toBe(
      "form-action 'self' https://checkout.stripe.com https://connect.stripe.com",
    );
  });

  it("adds only the stand-in's origin when Stripe is stood in for locally", () => {
    expect(formActionOrigins({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_API_BASE: "http://127.0.0.1:12111/" })).toEqual(["http://127.0.0.1:12111"]);
  });
});
