import { describe, expect, it } from "vitest";
import { readEnv } from "~/utils/env.server";
import { paymentGatewayFromEnv } from "./stripe-gateway.server";

// The gateway from the environment (decision 0035): off without a key, refused without the webhook secret (payments
// could be taken but never confirmed), pointed at a stand-in by STRIPE_API_BASE; the platform fee a bounded integer.

describe("the payment gateway from the environment", () => {
  it("is null without STRIPE_SECRET_KEY: card payment off, bank transfer only", () => {
    expect(paymentGatewayFromEnv(readEnv({ NODE_ENV: "test" } as NodeJS.ProcessEnv))).toBeNull();
  });

  it("refuses a key without the webhook secret, naming the variable", () => {
    expect(() => paymentGatewayFromEnv({ STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(/STRIPE_WEBHOOK_SECRET: required with STRIPE_SECRET_KEY/);
  });

  it("builds a gateway whose webhook check uses the given secret, also against a stand-in address", () => {
    const gateway = paymentGatewayFromEnv({ STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_API_BASE: "http://127.0.0.1:12111" });
    expect(gateway).not.toBeNull();
    expect(() => gateway!.verifyWebhook("{}", "t=1,v1=forged")).toThrow();
  });

  it("reads the platform fee in basis points (default 300 = 3 %) and refuses one outside 0–10000", () => {
    expect(readEnv({ NODE_ENV: "test" } as NodeJS.ProcessEnv).PLATFORM_FEE_BASIS_POINTS).toBe(300);
    expect(readEnv({ NODE_ENV: "test", PLATFORM_FEE_BASIS_POINTS: "250" } as NodeJS.ProcessEnv).PLATFORM_FEE_BASIS_POINTS).toBe(250);
    expect(() => readEnv({ NODE_ENV: "test", PLATFORM_FEE_BASIS_POINTS: "10001" } as NodeJS.ProcessEnv)).toThrow(/PLATFORM_FEE_BASIS_POINTS/);
    expect(() => readEnv({ NODE_ENV: "test", PLATFORM_FEE_BASIS_POINTS: "2.5" } as NodeJS.ProcessEnv)).toThrow(/PLATFORM_FEE_BASIS_POINTS/);
    expect(() => readEnv({ NODE_ENV: "test", STRIPE_API_BASE: "not a url" } as NodeJS.ProcessEnv)).toThrow(/STRIPE_API_BASE/);
  });
});
