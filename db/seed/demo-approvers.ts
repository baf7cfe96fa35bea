import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { saveApprovalRoutes } from "~/services/approval-routes.server";
import { actorFor, createUser, mustSucceed, serviceContext } from "../../tests/factories";

// The people who approve purchases (稟議) at the two demo buyers, and their organisations' routes.
// みどり市: a 課長 alone under ¥1,000,000; from ¥1,000,000 the 課長 then 2 of the 3 members of the
// 契約審査委員会; from ¥10,000,000 the 課長, the 部長, then 2 of 3 of the committee.
// さくら食品: the 経理課長 under ¥3,000,000; above it the 経理課長 then the 管理部長.
// Every approver signs in with the demo password (README).

export interface DemoApprover {
  buyer: string;
  email: string;
  name: string;
}

export const DEMO_APPROVERS = {
  midoriKacho: { buyer: "buyer@midori-city.example", email: "kacho@midori-city.example", name: "山本 浩二（市民生活課長）" },
  midoriBucho: { buyer: "buyer@midori-city.example", email: "bucho@midori-city.example", name: "中村 良子（市民生活部長）" },
  midoriCommittee1: { buyer: "buyer@midori-city.example", email: "iinkai1@midori-city.example", name: "小林 誠（契約審査委員）" },
  midoriCommittee2: { buyer: "buyer@midori-city.example", email: "iinkai2@midori-city.example", name: "加藤 由美（契約審査委員）" },
  midoriCommittee3: { buyer: "buyer@midori-city.example", email: "iinkai3@midori-city.example", name: "吉田 健（契約審査委員）" },
  sakuraKacho: { buyer: "buyer@sakura-foods.example", email: "keiri-kacho@sakura-foods.example", name: "伊藤 直樹（経理課長）" },
  sakuraBucho: { buyer: "buyer@sakura-foods.example", email: "kanri-bucho@sakura-foods.example", name: "渡辺 恵（管理部長）" },
} as const satisfies Record<string, DemoApprover>;

export type DemoApproverKey = keyof typeof DEMO_APPROVERS;

/** Adds the approvers as members of their buyer organisations and saves each organisation's route. */
export async function seedDemoApprovers(db: Kysely<Database>, passwordHash: string, now: Date): Promise<Record<DemoApproverKey, string>> {
  const ids = {} as Record<DemoApproverKey, string>;
  for (const [key, a] of Object.entries(DEMO_APPROVERS) as [DemoApproverKey, DemoApprover][]) {
    const buyer = await actorFor(db, a.buyer);
    const user = await createUser(db, { orgId: buyer.org!.id, role: "member", email: a.email, name: a.name, passwordHash, isApprover: true });
    ids[key] = user.id;
  }
  const { ctx } = serviceContext(db, now);
  const sequential = (id: string) => ({ kind: "sequential" as const, required: 1, approverIds: [id] });
  const committee = { kind: "parallel" as const, required: 2, approverIds: [ids.midoriCommittee1, ids.midoriCommittee2, ids.midoriCommittee3] };
  mustSucceed(
    await saveApprovalRoutes(ctx, await actorFor(db, DEMO_APPROVERS.midoriKacho.buyer), {
      version: 1,
      bands: [
        { fromYen: 0, toYen: 1_000_000, steps: [sequential(ids.midoriKacho)] },
        { fromYen: 1_000_000, toYen: 10_000_000, steps: [sequential(ids.midoriKacho), committee] },
        { fromYen: 10_000_000, toYen: null, steps: [sequential(ids.midoriKacho), sequential(ids.midoriBucho), committee] },
      ],
    }),
    "みどり市の稟議ルート",
  );
  mustSucceed(
    await saveApprovalRoutes(ctx, await actorFor(db, DEMO_APPROVERS.sakuraKacho.buyer), {
      version: 1,
      bands: [
        { fromYen: 0, toYen: 3_000_000, steps: [sequential(ids.sakuraKacho)] },
        { fromYen: 3_000_000, toYen: null, steps: [sequential(ids.sakuraKacho), sequential(ids.sakuraBucho)] },
      ],
    }),
    "さくら食品の稟議ルート",
  );
  return ids;
}
