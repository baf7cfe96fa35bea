import { describe, expect, it } from "vitest";
import { t, translateOrPassThrough } from "~/i18n";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditObjectLink, readAuditFilter } from "./log-view";

describe("audit log words", () => {
  it("every action code and object type has Japanese and English words", () => {
    for (const code of AUDIT_ACTIONS) {
      for (const locale of ["ja", "en"] as const) expect(translateOrPassThrough(locale, `audit.action.${code}`)).not.toContain("audit.action.");
    }
    for (const type of AUDIT_ENTITY_TYPES) expect(translateOrPassThrough("en", `audit.entity.${type}`)).not.toContain("audit.entity.");
    expect(t("ja", "audit.action.unknown", { code: "x.y" })).toBe("その他の操作（x.y）");
  });
});

describe("readAuditFilter", () => {
  const read = (q: string) => readAuditFilter(new URLSearchParams(q));

  it("reads actor, action, a Japanese date range (to inclusive) and the page", () => {
    const { filter, errors } = read("actor=buyer@&action=rfq.publish&from=2026-12-01&to=2026-12-06&page=3");
    expect(errors).toEqual({});
    expect(filter).toEqual({
      actor: "buyer@",
      action: "rfq.publish",
      from: new Date("2026-11-30T15:00:00Z"),
      toExclusive: new Date("2026-12-06T15:00:00Z"),
      page: 3,
    });
  });

  it("reports bad input per field and leaves it out instead of failing", () => {
    const { filter, errors } = read("action=drop.table&from=2026-02-30&to=yesterday&page=-4&entityType=rfq&entityId=%27%3B--");
    expect(filter).toEqual({ page: 1 });
    expect(errors).toEqual({
      action: "audit.filter.actionUnknown",
      from: "audit.filter.dateInvalid",
      to: "audit.filter.dateInvalid",
      entityId: "audit.filter.entityInvalid",
    });
    expect(read("from=2026-12-06&to=2026-12-01").errors).toEqual({ to: "audit.filter.toBeforeFrom" });
  });
});

describe("auditObjectLink", () => {
  const id = "6f1c1c2e-1111-4a4a-9b9b-000000000001";
  it("links vendors and certificates to their pages, RFQs and quotes to their history (admins never read sealed content)", () => {
    expect(auditObjectLink({ entity_type: "vendor_profile", entity_id: id })).toBe(`/vendors/${id}`);
    expect(auditObjectLink({ entity_type: "organization", entity_id: id, entity_org_kind: "vendor" })).toBe(`/vendors/${id}`);
    expect(auditObjectLink({ entity_type: "certification", entity_id: id })).toBe(`/admin/certifications#cert-${id}`);
    expect(auditObjectLink({ entity_type: "rfq", entity_id: id })).toBe(`/admin?entityType=rfq&entityId=${id}`);
    expect(auditObjectLink({ entity_type: "quote", entity_id: id })).toBe(`/admin?entityType=quote&entityId=${id}`);
    expect(auditObjectLink({ entity_type: "login", entity_id: "a@b" })).toBeNull();
  });
});

describe("audit action codes", () => {
  it("every code a service writes is listed (so the log can filter by it and name it in words)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL("../../services/", import.meta.url);
    const written = new Set<string>();
    for (const file of readdirSync(dir, { recursive: true }) as string[]) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = readFileSync(new URL(file, dir), "utf8");
      for (const m of text.matchAll(/action: "([a-zA-Z_.]+)"/g)) written.add(m[1]!);
      for (const m of text.matchAll(/action: [^,\n]*\? "([a-zA-Z_.]+)" : "([a-zA-Z_.]+)"/g)) [m[1]!, m[2]!].forEach((c) => written.add(c));
    }
    // `approval.${decision}` (app/services/approval-decisions.server.ts)
    for (const d of ["approve", "reject", "return"]) written.add(`approval.${d}`);
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code)).sort()).toEqual([]);
  });
});
