import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { OwnTrackRecord } from "~/components/vendor/own-track-record";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { CertificationBadges } from "~/components/vendor/certification-badges";
import { LANGUAGES, languageLabel, REGIONS, regionLabel } from "~/domain/regions";
import { VENDOR_CATEGORIES, categoryLabel } from "~/domain/vendor/catalog";
import { VendorProfileSchema } from "~/domain/vendor/profile";
import { saveVendorProfile, vendorProfile } from "~/services/vendors.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { tokyoDateString } from "~/utils/format";
import { parseForm, useFormIdAfterSave, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";

async function requireVendorEditor(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const orgId = user.activeOrg?.id ?? "";
  requirePermission(user.actor, "vendorProfile:edit", { type: "vendorProfile", orgId });
  return { user, orgId };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { orgId } = await requireVendorEditor(request, context);
  const vendor = await vendorProfile(context, orgId);
  invariantResponse(vendor);
  return { vendor, today: tokyoDateString(context.clock.now()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, orgId } = await requireVendorEditor(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, VendorProfileSchema, locale);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await saveVendorProfile(context, { userId: user.id, orgId }, submission.value);
  return redirect("/vendor/profile", { headers: { "Set-Cookie": await toastHeader(context, { key: "profile.saved" }) } });
}

export default function VendorProfilePage() {
  const { vendor, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [form, fields] = useForm<{ name: string; description: string; categories: string[]; regions: string[]; languages: string[]; teamSize?: number }>({
    id: useFormIdAfterSave("vendor-profile", lastResult),
    lastResult,
    ...validateInBrowser(VendorProfileSchema, locale),
    defaultValue: {
      name: vendor.name,
      description: vendor.description,
      categories: vendor.categories,
      regions: vendor.regions,
      languages: vendor.languages,
      teamSize: vendor.team_size ?? undefined,
    },
  });
  const checked = (list: unknown, v: string) => Array.isArray(list) && list.includes(v);
  return (
    <section className="stack">
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.intro")}</p>
      <OwnTrackRecord vendorId={vendor.id} />
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <FormErrors errors={form.errors} />
        <Field id={fields.name.id} label={t("profile.name")} errors={fields.name.errors}>
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
        </Field>
        <Field id={fields.description.id} label={t("profile.description")} errors={fields.description.errors}>
          {(aria) => <textarea {...getTextareaProps(fields.description)} rows={6} {...aria} />}
        </Field>
        <fieldset className="field checkbox-grid" aria-describedby={fields.categories.errors ? `${fields.categories.id}-error` : undefined}>
          <legend>{t("profile.categories")}</legend>
          {VENDOR_CATEGORIES.map((c) => (
            <label key={c}>
              <input type="checkbox" name={fields.categories.name} value={c} defaultChecked={checked(fields.categories.initialValue, c)} />
              {categoryLabel(c, locale)}
            </label>
          ))}
          {fields.categories.errors ? (
            <p className="field-errors" id={`${fields.categories.id}-error`} role="alert">
              {fields.categories.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="field checkbox-grid regions">
          <legend>{t("profile.regions")}</legend>
          {REGIONS.map(([key]) => (
            <label key={key}>
              <input type="checkbox" name={fields.regions.name} value={key} defaultChecked={checked(fields.regions.initialValue, key)} />
              {regionLabel(key, locale)}
            </label>
          ))}
          {fields.regions.errors ? (
            <p className="field-errors" role="alert">
              {fields.regions.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="field checkbox-grid">
          <legend>{t("profile.languages")}</legend>
          {LANGUAGES.map(([key]) => (
            <label key={key}>
              <input type="checkbox" name={fields.languages.name} value={key} defaultChecked={checked(fields.languages.initialValue, key)} />
              {languageLabel(key, locale)}
            </label>
          ))}
        </fieldset>
        <Field id={fields.teamSize.id} label={t("profile.teamSize")} errors={fields.teamSize.errors}>
          {(aria) => <input {...getInputProps(fields.teamSize, { type: "number" })} min={1} {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("profile.save")}
        </button>
      </Form>
      <div className="card">
        <h2>{t("profile.certifications")}</h2>
        <CertificationBadges certifications={vendor.certifications} today={today} />
        <p>
          <Link to="/vendor/certifications">{t("certPage.manageLink")}</Link>
        </p>
      </div>
    </section>
  );
}
