import { AwardSettingsResponse } from "~/api/openapi-award-result";
import { apiRoute, withBody } from "~/api/route.server";
import { awardSettingsOf, saveAwardSettings } from "~/services/award-result.server";
import { json } from "~/utils/api.server";

// GET: the buyer organisation's 受諾期限 and standstill (business days), for every member. PUT: owners change them.

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const r = await awardSettingsOf(context, caller.actor);
      return r.ok ? json(AwardSettingsResponse.parse(r)) : r;
    },
    PUT: withBody("json", async ({ context, caller, body }) => {
      const r = await saveAwardSettings(context, caller.actor, body);
      return r.ok ? json(AwardSettingsResponse.parse(r)) : r;
    }),
  },
);
