import { expect, test, type Page } from "@playwright/test";
import { quoteA } from "../../app/domain/quote/test-fixtures";
import { completeRfqInput } from "../../app/domain/rfq/test-fixtures";
import { logIn, logOut } from "./support/session";

// Attachments (issue 14, item 21): the buyer attaches a PDF specification to an RFQ (in Japanese), a vendor
// downloads it and attaches its proposal PDF to its quote (in English), and the buyer downloads the
// proposal once the quotes are opened — an open (unsealed) RFQ, so opened at once.

const BUYER_TOKEN = "kurabe_demo_buyer_midori_city_0000000000000001";
const VENDOR_TOKEN = "kurabe_demo_vendor_contact_one_000000000000005";
const VENDOR_EMAIL = "biz@contact-one.example";
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
const title = `e2e 添付ファイル ${Date.now().toString(36)}`;
let rfqId = "";

test.beforeAll(async ({ request }) => {
  const deadline = new Date(Date.now() + 30 * 86400_000).toISOString().replace("Z", "+00:00");
  const created = await request.post("/api/v1/rfqs", {
    headers: { Authorization: `Bearer ${BUYER_TOKEN}` },
    data: completeRfqInput({ title, quoteDeadline: deadline, sealed: false, visibility: "marketplace", invitedVendorIds: [] }),
  });
  expect(created.status()).toBe(201);
  rfqId = (await created.json()).id;
});

async function downloadLink(page: Page, name: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).first().click()]);
  expect(download.suggestedFilename()).toBe(name);
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(path).subarray(0, 5).toString("latin1")).toBe("%PDF-");
}

test("the buyer attaches a specification (ja); a vendor downloads it and attaches a proposal (en); the buyer downloads the proposal", async ({
  page,
  request,
}) => {
  // The buyer, in Japanese: a wrong file is refused beside the field, a PDF is attached to the draft.
  await logIn(page, "buyer@midori-city.example");
  await page.goto(`/rfqs/${rfqId}`);
  await page.getByRole("link", { name: "添付ファイルを管理" }).click();
  await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "readme.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await page.getByRole("button", { name: "アップロード" }).click();
  await expect(page.locator("#attachment-file-error")).toHaveText(/PDF・Word/);
  await page.getByLabel("ファイル", { exact: true }).setInputFiles({ name: "仕様書.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByLabel("種類").selectOption({ label: "仕様書" });
  await page.getByRole("button", { name: "アップロード" }).click();
  await expect(page.getByTestId("toast")).toHaveText("ファイルを添付しました。");
  await expect(page.getByTestId("rfq-attachments")).toContainText("仕様書.pdf");
  await downloadLink(page, "仕様書.pdf");
  const published = await request.post(`/api/v1/rfqs/${rfqId}/publish`, { headers: { Authorization: `Bearer ${BUYER_TOKEN}` } });
  expect(published.status()).toBe(200);
  await logOut(page);

  // The vendor, in English: downloads the specification, quotes, attaches its proposal.
  await logIn(page, VENDOR_EMAIL);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto(`/rfqs/${rfqId}`);
  await expect(page.getByTestId("rfq-attachments-summary")).toContainText("Specification");
  await downloadLink(page, "仕様書.pdf");
  const quoted = await request.post(`/api/v1/rfqs/${rfqId}/quotes`, { headers: { Authorization: `Bearer ${VENDOR_TOKEN}` }, data: quoteA() });
  expect(quoted.status()).toBe(201);
  await page.goto(`/rfqs/${rfqId}/quote`);
  await page.getByRole("link", { name: "Manage attachments" }).click();
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "proposal.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByTestId("toast")).toHaveText("File attached.");
  await expect(page.getByTestId("quote-attachments")).toContainText("proposal.pdf");
  await downloadLink(page, "proposal.pdf");
  await page.getByRole("button", { name: "日本語" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await logOut(page);

  // The buyer opens the vendor's quote (an open RFQ: opened at once) and downloads the proposal.
  await logIn(page, "buyer@midori-city.example");
  const quoteId = (await quoted.json()).id as string;
  await page.goto(`/quotes/${quoteId}`);
  await expect(page.getByTestId("quote-attachments-summary")).toContainText("proposal.pdf");
  await downloadLink(page, "proposal.pdf");
});
