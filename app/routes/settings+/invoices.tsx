import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { ACCOUNT_TYPES } from "~/domain/invoices/milestone-invoice";
import { invoiceSettings, saveInvoiceSettings } from "~/services/invoices.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /settings/invoices (issue 16): a vendor's invoice settings — the tax rounding (切り捨て default, 切り上げ,
// 四捨五入) and the bank account its invoices show. Refusals at their fields in ja/en, nothing saved.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const s = await invoiceSettings(context, user.actor);
  if (!s.ok) throw notFound();
  return { rounding: s.rounding, bankAccount: s.bankAccount, registrationNumber: s.registrationNumber };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const values = Object.fromEntries(["rounding", "bank", "branch", "type", "number", "holderKana"].map((k) => [k, String(form.get(k) ?? "")]));
  const { rounding, ...bankAccount } = values;
  const saved = await saveInvoiceSettings(context, user.actor, { rounding, bankAccount });
  if (!saved.ok) {
    if (saved.status === 404) throw notFound();
    if (saved.status === 403) throw forbidden();
    const failed = pageFailure(saved, await getLocale(request, context));
    const fieldErrors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(failed.fieldErrors)) fieldErrors[path.replace(/^bankAccount\./, "")] = messages;
    return json({ values, formErrors: failed.formErrors, fieldErrors }, { status: saved.status });
  }
  return redirect("/settings/invoices", { headers: { "Set-Cookie": await toastHeader(context, { key: "invoices.page.saved" }) } });
}

export default function InvoiceSettingsPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  const v = answer?.values ?? { rounding: d.rounding, ...(d.bankAccount ?? { bank: "", branch: "", type: "普通", number: "", holderKana: "" }) };
  const err = (k: string) => answer?.fieldErrors[k];
  return (
    <div className="stack">
      <h2>{t("invoices.settings.title")}</h2>
      <p>
        {d.registrationNumber ? t("invoices.settings.registration", { number: d.registrationNumber }) : t("invoices.settings.noRegistration")}{" "}
        <Link to="/vendor/certifications">{t("invoices.settings.registrationLink")}</Link>
      </p>
      <FormErrors errors={answer?.formErrors} />
      <Form method="post" className="stack">
        <CsrfInput />
        <Field id="rounding" label={t("invoices.settings.rounding")} errors={err("rounding")}>
          {(aria) => (
            <select name="rounding" defaultValue={v.rounding} {...aria}>
              <option value="floor">{t("invoices.rounding.floor")}</option>
              <option value="ceil">{t("invoices.rounding.ceil")}</option>
              <option value="round">{t("invoices.rounding.round")}</option>
            </select>
          )}
        </Field>
        <Field id="bank" label={t("invoices.settings.bank")} errors={err("bank")}>
          {(aria) => <input type="text" name="bank" defaultValue={v.bank} {...aria} />}
        </Field>
        <Field id="branch" label={t("invoices.settings.branch")} errors={err("branch")}>
          {(aria) => <input type="text" name="branch" defaultValue={v.branch} {...aria} />}
        </Field>
        <Field id="type" label={t("invoices.settings.type")} errors={err("type")}>
          {(aria) => (
            <select name="type" defaultValue={v.type} {...aria}>
              {ACCOUNT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(type === "当座" ? "invoices.bank.type.current" : "invoices.bank.type.ordinary")}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="number" label={t("invoices.settings.number")} errors={err("number")}>
          {(aria) => <input type="text" inputMode="numeric" name="number" defaultValue={v.number} {...aria} />}
        </Field>
        <Field id="holderKana" label={t("invoices.settings.holderKana")} errors={err("holderKana")}>
          {(aria) => <input type="text" name="holderKana" defaultValue={v.holderKana} {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("invoices.settings.save")}
        </button>
      </Form>
    </div>
  );
}
