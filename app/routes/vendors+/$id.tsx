import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CertificationBadges } from "~/components/vendor/certification-badges";
import { TrackRecord } from "~/components/vendor/track-record";
import { VendorRatings } from "~/components/vendor/vendor-ratings";
import { vendorRatings } from "~/services/vendor-ratings.server";
import { InviteForm } from "~/components/vendor/invite-form";
import { can } from "~/domain/permissions";
import { invitableRfqsFor } from "~/services/rfq-invitations.server";
import { vendorPage } from "~/services/vendors.server";
import { languageLabel, regionLabel } from "~/domain/regions";
import { categoryLabel } from "~/domain/vendor/catalog";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { joinList, tokyoDateString } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  invariantResponse(id.success);
  requirePermission(user.actor, "vendorProfile:read", { type: "vendorProfile", orgId: id.data }, { hide: true });
  const page = await vendorPage(context, id.data);
  invariantResponse(page);
  const { vendor, trackRecord } = page;
  const invite = can(user.actor, "rfq:create", { type: "rfqs" }) ? { rfqs: await invitableRfqsFor(context, user.actor) } : null;
  const ratings = await vendorRatings(context, vendor.id);
  return { vendor, trackRecord, today: tokyoDateString(context.clock.now()), invite, ratings };
}

export default function VendorDetail() {
  const { vendor, trackRecord, today, invite, ratings } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <article className="stack">
      <p>
        <Link to="/vendors">← {t("common.back")}</Link>
      </p>
      <h1>{vendor.name}</h1>
      {invite ? <InviteForm vendorId={vendor.id} rfqs={invite.rfqs} returnTo={`/vendors/${vendor.id}`} /> : null}
      <p className="tags">
        {vendor.categories.map((c) => (
          <span key={c} className="tag">
            {categoryLabel(c, locale)}
          </span>
        ))}
      </p>
      <p className="prewrap">{vendor.description}</p>
      <dl className="facts">
        <dt>{t("profile.regions")}</dt>
        <dd>
          {joinList(
            vendor.regions.map((r) => regionLabel(r, locale)),
            locale,
          )}
        </dd>
        <dt>{t("profile.languages")}</dt>
        <dd>
          {joinList(
            vendor.languages.map((l) => languageLabel(l, locale)),
            locale,
          ) || t("common.none")}
        </dd>
        <dt>{t("profile.teamSize")}</dt>
        <dd>{vendor.team_size ?? "—"}</dd>
      </dl>
      <h2>{t("profile.certifications")}</h2>
      <CertificationBadges certifications={vendor.certifications} today={today} />
      <h2>{t("trackRecord.title")}</h2>
      <TrackRecord record={trackRecord} />
      <VendorRatings ratings={ratings} />
    </article>
  );
}
