import { apiRoute, withBody } from "~/api/route.server";
import { approvalRoutesOf, saveApprovalRoutes } from "~/services/approval-routes.server";
import { json } from "~/utils/api.server";

// GET: the caller's buyer organisation's approval rules (稟議ルート) and approvers, for every member.
// PUT: an owner replaces them (same rules and refusals as /settings/approvals). Other organisations: 404.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const r = await approvalRoutesOf(context, caller.actor);
      if (!r.ok) return r;
      return json({
        rules: r.rules,
        revision: r.revision,
        updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
        approvers: r.approvers,
        canManage: r.canManage,
      });
    },
    // The service parses the body after the permission check: a member is told 403, not what is wrong with the rules.
    PUT: withBody("json", async ({ context, caller, body }) => {
      const saved = await saveApprovalRoutes(context, caller.actor, body);
      return saved.ok ? json({ revision: saved.revision, rules: saved.rules }) : saved;
    }),
  },
);
