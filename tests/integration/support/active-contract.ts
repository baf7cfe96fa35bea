import { expect } from "vitest";
import { createAcceptedAward, type Account } from "../../factories";
import { apiRequest, type Harness } from "../harness";

// An ACTIVE contract between two accounts, built the way tests/integration/invoices.test.ts builds one (an accepted
// award through the real route, the contract and its plan through the API, then 締結), with the deliveries'
// inspection terms set while it is a draft. For the after-award tests (issue 17).

export interface ActiveContractSpec {
  buyer: Account;
  vendor: Account;
  buyerKind?: "company" | "municipality";
  milestones: { name: string; dueDate: string; percent: number; inspectionDays?: number | null }[];
  terms?: { inspectionDays: number; deemedAcceptance: boolean };
}

export async function createActiveContract(h: Harness, spec: ActiveContractSpec, setTerms: (contractId: string) => Promise<void>) {
  const buyerKind = spec.buyerKind ?? "company";
  const award = await createAcceptedAward(h, {
    buyerEmail: spec.buyer.email,
    buyerOrgId: spec.buyer.org.id,
    vendorEmail: spec.vendor.email,
    vendorOrgId: spec.vendor.org.id,
    buyerKind,
  });
  const created = await apiRequest(h, spec.buyer.token, `/api/v1/rfqs/${award.rfqId}/contract`, { method: "POST" });
  expect(created.status).toBe(201);
  const contractId = ((await created.json()) as { id: string }).id;
  const milestones = spec.milestones.map((m) => ({
    name: m.name,
    dueDate: m.dueDate,
    acceptance: "完了報告書の承認",
    percent: m.percent,
    paymentDueDays: buyerKind === "municipality" ? 30 : 60,
    inspectionDays: m.inspectionDays ?? (buyerKind === "municipality" ? 10 : null),
  }));
  const saved = await apiRequest(h, spec.buyer.token, `/api/v1/contracts/${contractId}/milestones`, { method: "PUT", body: { basis: "percent", milestones } });
  expect(saved.status).toBe(200);
  if (spec.terms) await setTerms(contractId);
  expect((await apiRequest(h, spec.buyer.token, `/api/v1/contracts/${contractId}/activate`, { method: "POST" })).status).toBe(200);
  return { contractId, rfqId: award.rfqId, quoteId: award.quoteId };
}
