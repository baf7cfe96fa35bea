import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatYen } from "~/utils/format";
import { sampleApprovalPacket, samplePurchaseOrder, SAMPLE_STABILITY } from "../../../tests/fixtures/documents";
import { pdfPages } from "../../../tests/support/pdf-text";
import { renderApprovalPacketPdf, renderPurchaseOrderPdf } from "./index";

// Text read back from a PDF breaks where lines wrap; compare without any white space.
const squash = (s: string) => s.replace(/\s+/g, "");
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("稟議書 (approval packet PDF)", () => {
  it("holds the title, names, amounts, ranking, stability sentence, stamps and hash — in Japanese", async () => {
    const packet = sampleApprovalPacket("ja");
    const bytes = await renderApprovalPacketPdf(packet, "ja");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = await pdfPages(bytes);
    const all = squash(pages.join(" "));
    expect(all).toContain("稟議書");
    expect(all).toContain(squash("「観光パンフレット多言語翻訳（英・中・韓）」の発注先決定について"));
    expect(all).toContain("高橋美咲");
    expect(all).toContain(squash("株式会社ミナト翻訳サービス（推薦）"));
    expect(all).toContain(squash(`${formatYen(3_603_998, "ja")}（税込）`));
    for (const r of packet.ranking) {
      expect(all).toContain(squash(r.vendorName));
      expect(all).toContain(squash(formatYen(r.tco, "ja")));
    }
    expect(all).toContain(squash(packet.rationales[1]));
    expect(all).toContain(squash(SAMPLE_STABILITY.ja));
    expect(all).toContain(squash("推薦: 株式会社ミナト翻訳サービス"));
    expect(all).toContain(squash("3. 審査委員会（2/3名）"));
    expect(all).toContain(squash("代決 伊藤 部長"));
    expect(all).toContain("'26.12.10");
    // Footer on every page: the snapshot hash and "n / N".
    expect(pages.length).toBe(2);
    pages.forEach((p, i) => {
      expect(p).toContain(`SHA-256: ${packet.snapshotSha256}`);
      expect(p).toContain(`${i + 1} / ${pages.length}`);
    });
  });

  it("is in English on request", async () => {
    const packet = sampleApprovalPacket("en");
    const all = squash((await pdfPages(await renderApprovalPacketPdf(packet, "en"))).join(" "));
    expect(all).toContain(squash("Approval Request (Ringi)"));
    expect(all).toContain(squash("Minato Translation Services K.K. (proposed)"));
    expect(all).toContain(squash("¥3,603,998 (incl. tax)"));
    expect(all).toContain(squash(SAMPLE_STABILITY.en));
    expect(all).toContain(squash("3. Committee (2 of 3)"));
    expect(all).toContain(squash("1 / 2"));
  });

  it("says 税抜 when the amount excludes tax", async () => {
    const packet = sampleApprovalPacket("ja");
    packet.proposed = { ...packet.proposed, amount: 3_276_480, taxIncluded: false };
    const all = squash((await pdfPages(await renderApprovalPacketPdf(packet, "ja"))).join(" "));
    expect(all).toContain(squash(`${formatYen(3_276_480, "ja")}（税抜）`));
  });

  it("runs a long ranking onto further pages with the table header repeated", async () => {
    const pages = await pdfPages(await renderApprovalPacketPdf(sampleApprovalPacket("ja", { extraVendors: 40 }), "ja"));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const header = squash("順位 発注先 総合点 総保有コスト (TCO)");
    const withHeader = pages.filter((p) => squash(p).includes(header));
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    expect(squash(pages.join(" "))).toContain(squash("テスト翻訳株式会社 第40支店"));
    pages.forEach((p, i) => expect(p).toContain(`${i + 1} / ${pages.length}`));
  });

  it("gives the same bytes for the same input, and different bytes for a different input", async () => {
    const a = await renderApprovalPacketPdf(sampleApprovalPacket("ja"), "ja");
    const b = await renderApprovalPacketPdf(sampleApprovalPacket("ja"), "ja");
    expect(sha256(a)).toBe(sha256(b));
    const changed = sampleApprovalPacket("ja");
    changed.stability = "別の文";
    expect(sha256(await renderApprovalPacketPdf(changed, "ja"))).not.toBe(sha256(a));
  });
});

describe("発注書 (purchase order PDF)", () => {
  it("holds the parties, registration number, lines, tax per rate, total, term, milestones and the legal line — in Japanese", async () => {
    const order = samplePurchaseOrder("ja");
    const pages = await pdfPages(await renderPurchaseOrderPdf(order, "ja"));
    const all = squash(pages.join(" "));
    const yen = (n: number) => squash(formatYen(n, "ja"));
    expect(all).toContain("発注書");
    expect(all).toContain("PO-2026-0019");
    expect(all).toContain(squash("株式会社ミナト翻訳サービス 御中"));
    expect(all).toContain(squash("登録番号 T1234567890123"));
    expect(all).toContain(squash("神奈川県横浜市中区本町6-50-10"));
    expect(all).toContain(squash("横浜市 経済局"));
    // Lines: 24 × ¥38,000 = ¥912,000; 1.5 人月 × ¥420,000 = ¥630,000.
    expect(all).toContain(`24ページ${yen(38_000)}${yen(912_000)}`);
    expect(all).toContain(`1.5人月${yen(420_000)}${yen(630_000)}`);
    // Per rate, taxed once: 10% on ¥3,270,000 → ¥327,000; 8% on ¥6,480 → ¥518.
    expect(all).toContain(squash(`10%対象 小計 ${formatYen(3_270_000, "ja")}`));
    expect(all).toContain(squash(`消費税（10%） ${formatYen(327_000, "ja")}`));
    expect(all).toContain(squash(`消費税（8%） ${formatYen(518, "ja")}`));
    expect(all).toContain(squash(`合計（税込） ${formatYen(3_603_998, "ja")}`));
    expect(all).toContain(squash("※は軽減税率（8%）対象"));
    expect(all).toContain(squash("2027年1月6日 〜 2027年3月19日"));
    expect(all).toContain(squash(`英語版納品・検収 2027年2月26日 ${formatYen(1_081_199, "ja")}`));
    expect(all).toContain(squash(order.paymentTerms));
    expect(all).toContain(squash(order.legalDueDateLine));
    pages.forEach((p, i) => expect(p).toContain(`${i + 1} / ${pages.length}`));
  });

  it("is in English on request, and leaves out a registration number the vendor does not have", async () => {
    const order = samplePurchaseOrder("en");
    order.vendor = { ...order.vendor, registrationNumber: null };
    const all = squash((await pdfPages(await renderPurchaseOrderPdf(order, "en"))).join(" "));
    expect(all).toContain(squash("Purchase Order"));
    expect(all).toContain(squash("To: Minato Translation Services K.K."));
    expect(all).toContain(squash("Total (incl. tax) ¥3,603,998"));
    expect(all).toContain(squash("Consumption tax (8%) ¥518"));
    expect(all).toContain(squash(order.legalDueDateLine));
    expect(all).not.toContain("Registrationno.");
  });

  it("runs many lines onto further pages with the table header repeated", async () => {
    const pages = await pdfPages(await renderPurchaseOrderPdf(samplePurchaseOrder("ja", { extraLines: 45 }), "ja"));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const header = squash("品目・内容 数量 単位 単価 金額");
    expect(pages.filter((p) => squash(p).includes(header)).length).toBeGreaterThanOrEqual(2);
    expect(squash(pages.join(" "))).toContain(squash("追加ページ翻訳 第45号"));
    pages.forEach((p, i) => expect(p).toContain(`${i + 1} / ${pages.length}`));
  });

  it("gives the same bytes for the same input", async () => {
    const a = await renderPurchaseOrderPdf(samplePurchaseOrder("en"), "en");
    const b = await renderPurchaseOrderPdf(samplePurchaseOrder("en"), "en");
    expect(a.equals(b)).toBe(true);
  });
});

describe("稟議書 edge cases", () => {
  it("prints a one-page packet with no advisors, no route yet and a large committee as 1 / 1 without losing a name", async () => {
    const packet = sampleApprovalPacket("ja");
    packet.advisors = [];
    packet.rationales = [packet.rationales[0]];
    packet.ranking = packet.ranking.slice(0, 2);
    const noRoutePages = await pdfPages(await renderApprovalPacketPdf({ ...packet, route: [] }, "ja"));
    expect(noRoutePages).toHaveLength(1);
    expect(noRoutePages[0]).toContain("1 / 1");
    const noRoute = squash(noRoutePages[0]);
    expect(noRoute).not.toContain("承認欄");
    expect(noRoute).toContain(squash("5. アドバイザーの意見 なし"));

    const members = Array.from({ length: 11 }, (_, i) => ({ name: `委員${i + 1} 氏名` }));
    const pages = await pdfPages(await renderApprovalPacketPdf({ ...packet, route: [{ label: "審査委員会", required: 6, approvers: members }] }, "ja"));
    const all = squash(pages.join(" "));
    for (const m of members) expect(all).toContain(squash(m.name));
    expect(all).toContain(squash("1. 審査委員会（6/11名）"));
    pages.forEach((p, i) => expect(p).toContain(`${i + 1} / ${pages.length}`));
  });
});
