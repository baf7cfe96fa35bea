import { describe, expect, it } from "vitest";
import {
  expiresDuringTerm,
  isCertificateValidOn,
  japanDateOf,
  lastDayOfTerm,
  requirementStatus,
  satisfiesRequirement,
  type CertificateRecord,
} from "./validity";

const isms: CertificateRecord = { type: "isms_iso27001", verificationStatus: "verified", validFrom: "2024-04-01", validUntil: "2027-03-31" };

describe("certificate validity", () => {
  it("counts only a verified certificate, from its first to its last day inclusive", () => {
    expect(isCertificateValidOn(isms, "2024-04-01")).toBe(true);
    expect(isCertificateValidOn(isms, "2027-03-31")).toBe(true);
    expect(isCertificateValidOn(isms, "2027-04-01")).toBe(false);
    expect(isCertificateValidOn(isms, "2024-03-31")).toBe(false);
  });

  it("never counts unverified or rejected certificates, even within their dates", () => {
    expect(isCertificateValidOn({ ...isms, verificationStatus: "unverified" }, "2025-01-01")).toBe(false);
    expect(isCertificateValidOn({ ...isms, verificationStatus: "rejected" }, "2025-01-01")).toBe(false);
  });

  it("uses the date in Japan: 2027-03-31 23:30 JST is still the last valid day, although it is the 31st at 14:30 UTC", () => {
    expect(japanDateOf(new Date("2027-03-31T23:30:00+09:00"))).toBe("2027-03-31");
    expect(isCertificateValidOn(isms, new Date("2027-03-31T23:30:00+09:00"))).toBe(true);
    expect(isCertificateValidOn(isms, new Date("2027-03-31T15:00:00Z"))).toBe(false); // 2027-04-01 00:00 JST
  });

  it("satisfies a requirement only of the same type", () => {
    expect(satisfiesRequirement(isms, { type: "isms_iso27001" }, "2025-06-01")).toBe(true);
    expect(satisfiesRequirement(isms, { type: "privacy_mark" }, "2025-06-01")).toBe(false);
  });

  it("refuses malformed dates rather than comparing them", () => {
    expect(isCertificateValidOn({ ...isms, validUntil: "2027/03/31" }, "2025-01-01")).toBe(false);
  });
});

describe("requirementStatus", () => {
  it("shows the best status among the vendor's certificates of that type", () => {
    const expired = { ...isms, validFrom: "2020-01-01", validUntil: "2023-01-01" };
    expect(requirementStatus({ type: "isms_iso27001" }, [expired, isms], "2025-01-01")).toEqual({
      status: "satisfied",
      key: "certifications.status.satisfied",
    });
    expect(requirementStatus({ type: "isms_iso27001" }, [expired], "2025-01-01").status).toBe("expired");
    expect(requirementStatus({ type: "isms_iso27001" }, [{ ...isms, verificationStatus: "rejected" }], "2025-01-01").status).toBe("rejected");
    expect(requirementStatus({ type: "isms_iso27001" }, [{ ...isms, verificationStatus: "unverified" }], "2025-01-01").status).toBe("unverified");
    expect(requirementStatus({ type: "isms_iso27001" }, [{ ...isms, validFrom: "2026-01-01" }], "2025-01-01").status).toBe("notYetValid");
    expect(requirementStatus({ type: "privacy_mark" }, [isms], "2025-01-01")).toEqual({ status: "missing", key: "certifications.status.missing" });
  });
});

describe("contract terms and expiry", () => {
  it("ends a term the day before the corresponding day (民法143条), or at month end when there is none", () => {
    expect(lastDayOfTerm("2025-04-01", 12)).toBe("2026-03-31");
    expect(lastDayOfTerm("2025-01-15", 1)).toBe("2025-02-14");
    expect(lastDayOfTerm("2025-01-31", 1)).toBe("2025-02-28");
    expect(lastDayOfTerm("2024-01-31", 1)).toBe("2024-02-29");
    expect(lastDayOfTerm("2025-11-10", 3)).toBe("2026-02-09");
  });

  it("answers the same when asked again, also after more distinct terms than it remembers", () => {
    // The answers are remembered (a comparison asks the same term for every certificate); asked twice, and
    // again after 1,500 other terms have pushed the table past its bound, every answer is still the 民法143条 one.
    const cases: [string, number, string][] = [
      ["2025-04-01", 12, "2026-03-31"],
      ["2025-01-31", 1, "2025-02-28"],
      ["2024-01-31", 1, "2024-02-29"],
    ];
    for (const [start, months, end] of cases) {
      expect(lastDayOfTerm(start, months)).toBe(end);
      expect(lastDayOfTerm(start, months)).toBe(end);
    }
    for (let m = 1; m <= 1_500; m++) expect(lastDayOfTerm("2025-01-31", m)).toMatch(/^\d{4}-\d{2}-(28|29|30|31)$/);
    for (const [start, months, end] of cases) expect(lastDayOfTerm(start, months)).toBe(end);
  });

  it("flags a certificate that lapses before the term ends", () => {
    expect(expiresDuringTerm({ validUntil: "2026-03-30" }, "2025-04-01", 12)).toBe(true);
    expect(expiresDuringTerm({ validUntil: "2026-03-31" }, "2025-04-01", 12)).toBe(false);
    expect(expiresDuringTerm({ validUntil: "2025-04-01" }, "2025-04-01", 12)).toBe(true);
  });

  it("does not call an already expired certificate 'expiring'", () => {
    expect(expiresDuringTerm({ validUntil: "2025-03-31" }, "2025-04-01", 12)).toBe(false);
  });
});
