import { describe, expect, it } from "vitest";
import { REGION_KEYS } from "~/domain/regions";
import { VendorProfileSchema } from "~/domain/vendor/profile";
import { generateVendors } from "./vendor-generator";

const today = new Date("2026-11-21T00:00:00Z");
const sample = [...generateVendors(2000, { seed: 7, today })];

describe("generateVendors", () => {
  it("gives the same vendors for the same seed and different ones for another", () => {
    const again = [...generateVendors(50, { seed: 7, today })];
    expect(again).toEqual(sample.slice(0, 50));
    expect([...generateVendors(50, { seed: 8, today })].map((v) => v.id)).not.toEqual(again.map((v) => v.id));
  });

  it("makes unique UUIDs", () => {
    expect(new Set(sample.map((v) => v.id)).size).toBe(sample.length);
    for (const v of sample) expect(v.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("makes profiles the profile form accepts, so the benchmark can post them back", () => {
    for (const v of sample) {
      const parsed = VendorProfileSchema.safeParse({ ...v, teamSize: v.teamSize });
      expect(parsed.success, `${v.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(v.regions.every((r) => (REGION_KEYS as readonly string[]).includes(r))).toBe(true);
    }
  });

  it("mixes Japanese and English vendors and describes each in its language", () => {
    const ja = sample.filter((v) => v.locale === "ja");
    expect(ja.length / sample.length).toBeGreaterThan(0.7);
    expect(ja.length / sample.length).toBeLessThan(0.85);
    for (const v of ja) expect(v.name).toMatch(/株式会社|有限会社|合同会社/);
    for (const v of sample.filter((x) => x.locale === "en")) expect(v.description).toMatch(/^[A-Z]/);
  });

  it("draws certifications with a validity term: most valid today, some lapsed, a few rejected", () => {
    const certs = sample.flatMap((v) => v.certifications);
    const isoToday = today.toISOString().slice(0, 10);
    const valid = certs.filter((c) => c.validFrom <= isoToday && isoToday <= c.validUntil);
    expect(certs.length).toBeGreaterThan(sample.length * 0.5);
    expect(valid.length / certs.length).toBeGreaterThan(0.7);
    expect(valid.length).toBeLessThan(certs.length);
    expect(certs.some((c) => c.status === "rejected")).toBe(true);
    for (const c of certs) expect(c.validFrom < c.validUntil).toBe(true);
  });

  it("never dates a finished engagement in the future", () => {
    const isoToday = today.toISOString().slice(0, 10);
    for (const e of sample.flatMap((v) => v.engagements)) {
      expect(e.startedOn <= isoToday).toBe(true);
      if (e.endedOn) expect(e.endedOn <= isoToday).toBe(true);
    }
  });
});
