import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut } from "./support/session";

// Under the Content-Security-Policy (nonces for Remix's inline scripts, nothing else inline but style
// attributes) the main pages render and hydrate with no violation, JavaScript forms still work, and no
// page can be framed.

/** Collects CSP violations reported by the page and console messages that mention the policy. */
function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on("pageerror", (error) => violations.push(`pageerror: ${error.message}`));
  return violations;
}

async function hydrated(page: Page) {
  // Remix sets window.__remixRouter once the client has taken over: the inline and module scripts ran.
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}

test("the main pages hydrate under the CSP with no violation, and JS forms still work", async ({ page }) => {
  const violations = watchCsp(page);
  const response = await page.goto("/login");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await hydrated(page);

  // A client-side validation (conform, JavaScript) still answers without a round trip.
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page.getByText("入力してください。").first()).toBeVisible();

  await logIn(page, "buyer@midori-city.example");
  for (const path of ["/", "/rfqs", "/vendors", "/vendors?q=経理", "/rfqs/search", "/notifications", "/settings", "/settings/members", "/settings/tokens"]) {
    await page.goto(path);
    await hydrated(page);
  }
  // The comparison page has the charts (style attributes) and the what-if controls.
  await page.goto("/rfqs");
  await page.getByRole("link", { name: "市民意識調査 調査票データ入力・集計業務" }).first().click();
  await page.getByTestId("compare-link").click();
  await hydrated(page);
  await expect(page.getByRole("img", { name: /TCOと得点/ })).toBeVisible();
  // Loaded afresh, the server's HTML must hydrate as it is: the charts' labels once wrapped only in the browser,
  // and the stream once carried NUL bytes inside Japanese text (React's hydration errors arrive as pageerror).
  await page.reload();
  await hydrated(page);
  // The print button appears from an effect: hydration (or React's recovery from a mismatch) is over.
  await expect(page.getByTestId("print")).toBeVisible();
  for (const path of ["/approvals", "/settings/approvals"]) {
    await page.goto(path);
    await hydrated(page);
  }

  // Client-side navigation and a JS form post (language switch) work.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await logOut(page);
  expect(violations).toEqual([]);
});

test("a page cannot be framed by another page", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/login");
  await page.setContent(`<iframe id="f" src="${new URL("/login", page.url()).href}"></iframe>`);
  const frame = page.frame({ url: /\/login$/ });
  // Chromium blocks the navigation (frame-ancestors 'none'): the frame never shows the log-in form.
  await page.waitForTimeout(1000);
  const framed = frame
    ? await frame
        .locator("form")
        .count()
        .catch(() => 0)
    : 0;
  expect(framed).toBe(0);
  expect(violations.some((v) => /frame-ancestors|Refused to (display|frame)/i.test(v))).toBe(true);
});
