import { describe, expect, it } from "vitest";
import { readEnv } from "./env.server";
import { csrfCookie, langCookie, sessionCookie, toastCookie } from "./cookies.server";

const secret = "unit-test-secret-unit-test-secret-123";
const ctxFor = (NODE_ENV: string) => ({
  env: readEnv({ NODE_ENV, SESSION_SECRET: secret, APP_URL: "https://kurabe.example" } as NodeJS.ProcessEnv),
  sessionSecret: secret,
});

describe("cookies (ASVS V3.4)", () => {
  it("in production every cookie carries the __Host- prefix and is Secure, Path=/, without Domain", async () => {
    for (const make of [sessionCookie, csrfCookie, toastCookie, langCookie]) {
      const header = await make(ctxFor("production")).serialize("v");
      expect(header).toMatch(/^__Host-kurabe_[a-z]+=/);
      expect(header).toContain("; Secure");
      expect(header).toContain("; Path=/");
      expect(header).toContain("; HttpOnly");
      expect(header).toContain("; SameSite=Lax");
      expect(header).not.toMatch(/Domain=/i);
    }
  });

  it("development and tests keep the plain names (http://localhost cannot store __Host- cookies)", async () => {
    expect(await sessionCookie(ctxFor("development")).serialize("v")).toMatch(/^__kurabe_session=/);
    expect(await csrfCookie(ctxFor("test")).serialize("v")).toMatch(/^__kurabe_csrf=/);
  });
});
