import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listEngagementsOfVendor } from "../../db/queries/track-records";
import { findVendor } from "../../db/queries/vendors";
import { CertificationBadges, type CertificationView } from "~/components/vendor/certification-badges";
import { TrackRecord, type EngagementView } from "~/components/vendor/track-record";
import { summarizeTrackRecord, type TrackRecordSummary } from "~/domain/vendor/track-record";
import { InviteForm, type InvitableRfq } from "~/components/vendor/invite-form";
import { can } from "~/domain/permissions";
import { invitableRfqsFor } from "~/services/rfq-invitations.server";
import { languageLabel, regionLabel } from "~/domain/regions";
import { categoryLabel } from "~/domain/vendor/catalog";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { tokyoDateString } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = z.string().uuid().safeParse(params.id);
  invariantResponse(id.success);
  requirePermission(user.actor, "vendorProfile:read", { type: "vendorProfile", orgId: id.data }, { hide: true });
  const [vendor, engagements] = await Promise.all([findVendor(context.db, id.data), listEngagementsOfVendor(context.db, id.data)]);
  invariantResponse(vendor);
  const trackRecord = summarizeTrackRecord(vendor.track_record_count, vendor.track_record_kpis);
  const invite = can(user.actor, "rfq:create", { type: "rfqs" }) ? { rfqs: await invitableRfqsFor(context, user.actor) } : null;
  return Response.json({ vendor, engagements, trackRecord, today: tokyoDateString(context.clock.now()), invite });
}

type VendorView = {
  id: string;
  name: string;
  description: string;
  categories: string[];
  regions: string[];
  languages: string[];
  team_size: number | null;
  certifications: (CertificationView & { number: string; issuer: string })[];
};

export default function VendorDetail() {
  const { vendor, engagements, trackRecord, today, invite } = useLoaderData<{
    vendor: VendorView;
    engagements: EngagementView[];
    trackRecord: TrackRecordSummary;
    today: string;
    invite: { rfqs: InvitableRfq[] } | null;
  }>();
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
        <dd>{vendor.regions.map((r) => regionLabel(r, locale)).join("、")}</dd>
        <dt>{t("profile.languages")}</dt>
        <dd>{vendor.languages.map((l) => languageLabel(l, locale)).join("、") || t("common.none")}</dd>
        <dt>{t("profile.teamSize")}</dt>
        <dd>{vendor.team_size ?? "—"}</dd>
      </dl>
      <h2>{t("profile.certifications")}</h2>
      <CertificationBadges certifications={vendor.certifications} today={today} />
      <h2>{t("trackRecord.title")}</h2>
      <TrackRecord summary={trackRecord} engagements={engagements} />
    </article>
  );
}
