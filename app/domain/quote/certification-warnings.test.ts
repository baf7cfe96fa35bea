import { describe, expect, it } from "vitest";
import type { CertificateRecord } from "~/domain/certifications/validity";
import { buildRankingInput } from "~/domain/comparison/ranking-input";
import { gateFailures } from "~/domain/scoring/gates";
import { rfqSchema } from "~/domain/rfq/schema";
import { completeRfqInput } from "~/domain/rfq/test-fixtures";
import { certificationWarningMessage, mandatoryCertificationWarnings } from "./certification-warnings";

// The warning on the quote form is the ranking's own certification gates (issue 14, item 14).

const rfq = rfqSchema.parse(completeRfqInput()); // ISMS and Privacy Mark mandatory
const now = new Date("2026-03-01T09:00:00+09:00");
const deadline = new Date("2026-04-10T17:00:00+09:00");
const cert = (type: CertificateRecord["type"], over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  type,
  verificationStatus: "verified",
  validFrom: "2025-01-01",
  validUntil: "2028-12-31",
  ...over,
});

describe("mandatory certification warnings", () => {
  it("names every mandatory certification the vendor lacks, with why", () => {
    expect(mandatoryCertificationWarnings(rfq, [], now, deadline)).toEqual([
      { code: "mandatoryCertification", certification: "isms_iso27001", status: "missing" },
      { code: "mandatoryCertification", certification: "privacy_mark", status: "missing" },
    ]);
    const pending = [cert("isms_iso27001"), cert("privacy_mark", { verificationStatus: "unverified" })];
    expect(mandatoryCertificationWarnings(rfq, pending, now, deadline).map((w) => w.status)).toEqual(["unverified"]);
    const expired = [cert("isms_iso27001", { validUntil: "2026-01-31" }), cert("privacy_mark", { verificationStatus: "rejected" })];
    expect(mandatoryCertificationWarnings(rfq, expired, now, deadline).map((w) => w.status)).toEqual(["expired", "rejected"]);
  });

  it("warns about a certificate valid today that lapses before the deadline, not about one valid then", () => {
    const lapsing = [cert("isms_iso27001", { validUntil: "2026-03-31" }), cert("privacy_mark", { validFrom: "2026-04-01" })];
    expect(mandatoryCertificationWarnings(rfq, lapsing, now, deadline)).toEqual([
      { code: "mandatoryCertification", certification: "isms_iso27001", status: "expiresBeforeOpening" },
    ]);
  });

  it("says nothing when every gate is met, or for a preferred (推奨) certification", () => {
    expect(mandatoryCertificationWarnings(rfq, [cert("isms_iso27001"), cert("privacy_mark")], now, deadline)).toEqual([]);
    const recommended = { ...rfq, requiredCertifications: [{ type: "privacy_mark" as const, level: "preferred" as const, reason: "委託範囲が限定的" }] };
    expect(mandatoryCertificationWarnings(recommended, [], now, deadline)).toEqual([]);
  });

  it("fails exactly the certification gates the ranking fails at the opening", () => {
    const openingDay = "2026-04-10";
    for (const certs of [
      [],
      [cert("isms_iso27001")],
      [cert("privacy_mark", { verificationStatus: "unverified" })],
      [cert("isms_iso27001"), cert("privacy_mark")],
    ]) {
      const input = buildRankingInput(rfq, [], openingDay);
      const gates = input.criteria.filter((c) => c.gate && "required" in c.gate);
      const values = Object.fromEntries(gates.map((g) => [g.key, certs.some((c) => g.key.endsWith(c.type) && c.verificationStatus === "verified")]));
      const failing = gateFailures(gates, values).map((f) => f.criterion);
      const warned = mandatoryCertificationWarnings(rfq, certs, now, deadline).map((w) => w.certification);
      expect(failing.map((key) => key.replace(/^gate_/, ""))).toEqual(warned);
    }
  });

  it("is worded in the reader's language", () => {
    const [w] = mandatoryCertificationWarnings(rfq, [cert("isms_iso27001")], now, deadline);
    expect(certificationWarningMessage(w, "ja")).toMatch(/^必須認証「プライバシーマーク」: 未登録。.*失格/);
    expect(certificationWarningMessage(w, "en")).toMatch(/^Mandatory certification “Privacy Mark”: Not held\..*disqualified/);
  });
});
