import { describe, expect, it } from "vitest";
import { rfqScopeFilter, rfqSearchFilter, type RfqSearchParams } from "./client";

const now = new Date("2026-11-20T01:00:00Z");
const NOW = Math.floor(now.getTime() / 1000);
const VENDOR = "6f1c1b7e-4a57-4c36-9d8e-0c1f3d7f2a10";
const vendor = (extra: Partial<RfqSearchParams> = {}): RfqSearchParams => ({
  scope: { kind: "vendor", vendorOrgId: VENDOR },
  now,
  q: "",
  page: 1,
  perPage: 10,
  ...extra,
});

describe("rfqScopeFilter", () => {
  it("a vendor: published, deadline still ahead, on the marketplace or inviting this vendor", () => {
    expect(rfqScopeFilter({ kind: "vendor", vendorOrgId: VENDOR }, now)).toBe(
      `(status = "published" AND quote_deadline > ${NOW} AND (visibility = "marketplace" OR invited_vendor_ids = "${VENDOR}"))`,
    );
  });

  it("a buyer: its own RFQs only", () => {
    expect(rfqScopeFilter({ kind: "buyer", buyerOrgId: "b-1" }, now)).toBe(`(buyer_org_id = "b-1")`);
  });
});

describe("rfqSearchFilter", () => {
  it("puts the scope first and quotes every facet value, so a crafted value stays one string", () => {
    const f = rfqSearchFilter(vendor({ categories: ['x" OR visibility = "invited'], certifications: ["ISMS) OR (status = draft"] }));
    expect(f[0]).toBe(rfqScopeFilter({ kind: "vendor", vendorOrgId: VENDOR }, now));
    expect(f).toContain(`category IN ["x\\" OR visibility = \\"invited"]`);
    expect(f).toContain(`required_certifications = "ISMS) OR (status = draft"`);
  });

  it("computes the deadline window from the clock", () => {
    expect(rfqSearchFilter(vendor({ deadlineWithinDays: 7 }))).toContain(`(quote_deadline > ${NOW} AND quote_deadline <= ${NOW + 7 * 86400})`);
    expect(() => rfqSearchFilter(vendor({ deadlineWithinDays: 1.5 }))).toThrow();
  });

  it("held: none of the lacked types is required; lacking: at least one; lacking nothing matches nothing", () => {
    expect(rfqSearchFilter(vendor({ certFit: "held", lackedCertifications: ["iso9001", "soc2_type2"] }))).toContain(
      `(required_certifications NOT IN ["iso9001", "soc2_type2"])`,
    );
    expect(rfqSearchFilter(vendor({ certFit: "lacking", lackedCertifications: ["iso9001"] }))).toContain(`(required_certifications IN ["iso9001"])`);
    expect(rfqSearchFilter(vendor({ certFit: "held", lackedCertifications: [] }))).toHaveLength(1);
    expect(rfqSearchFilter(vendor({ certFit: "lacking", lackedCertifications: [] }))[1]).toBe(
      "(required_certifications IS EMPTY AND required_certifications IS NOT EMPTY)",
    );
    // Without the vendor's certifications (a buyer), "fit" is no filter at all.
    expect(rfqSearchFilter(vendor({ certFit: "held" }))).toHaveLength(1);
  });

  it("leaves one facet out for that facet's own counts, never the scope", () => {
    const p = vendor({ categories: ["accounting"], deadlineWithinDays: 14 });
    expect(rfqSearchFilter(p, "category")).toEqual([rfqScopeFilter(p.scope, now), `(quote_deadline > ${NOW} AND quote_deadline <= ${NOW + 14 * 86400})`]);
    expect(rfqSearchFilter(p, "deadline")).toEqual([rfqScopeFilter(p.scope, now), `category IN ["accounting"]`]);
  });
});
