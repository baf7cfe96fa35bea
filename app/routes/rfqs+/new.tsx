import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { options } from "~/components/rfq/labels";
import { DATA_SENSITIVITIES, RFQ_CATEGORIES, RFQ_PHASES } from "~/domain/rfq/categories";
import { suggestCriteria, suggestRequiredCertifications } from "~/domain/rfq/kpi-templates";
import { createRfqDraft } from "~/services/rfqs.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { useI18n } from "~/utils/use-i18n";

const NewRfqSchema = z.object({
  title: z.string().trim().min(1).max(200),
  category: z.enum(RFQ_CATEGORIES),
  phase: z.enum(RFQ_PHASES),
  dataSensitivity: z.enum(DATA_SENSITIVITIES),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  requirePermission(user.actor, "rfq:create", { type: "rfqs" });
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, NewRfqSchema, locale);
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { title, category, phase, dataSensitivity } = submission.value;
  // The draft starts from the KPI template for this work and phase and the certifications the data implies.
  const result = await createRfqDraft(context, user.actor, {
    title,
    category,
    phase,
    dataSensitivity,
    currency: "JPY",
    criteria: suggestCriteria(category, phase, dataSensitivity),
    requiredCertifications: suggestRequiredCertifications(dataSensitivity),
    scoringMethod: "weighted-sum-target",
    sealed: true,
    visibility: "invited",
  });
  if (!result.ok) throw new Response("Forbidden", { status: result.status });
  return redirect(`/rfqs/${result.rfq.id}/edit/purposeAndScope`);
}

export default function NewRfq() {
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [form, fields] = useForm<z.input<typeof NewRfqSchema>>({
    lastResult,
    ...validateInBrowser(NewRfqSchema, locale),
    defaultValue: { phase: "launch", dataSensitivity: "none" },
  });
  const select = (name: "category" | "phase" | "dataSensitivity", table: "category" | "phase" | "sensitivity") => (
    <Field id={fields[name].id} label={t(name === "dataSensitivity" ? "rfq.field.dataSensitivity" : `rfq.field.${name}`)} errors={fields[name].errors}>
      {(aria) => (
        <select name={fields[name].name} defaultValue={(fields[name].initialValue as string) ?? ""} {...aria}>
          <option value="">{t("rfq.field.none")}</option>
          {options(table, locale).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <section className="narrow card">
      <h1>{t("rfq.new.title")}</h1>
      <p>{t("rfq.new.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <Field id={fields.title.id} label={t("rfq.field.title")} errors={fields.title.errors}>
          {(aria) => <input {...getInputProps(fields.title, { type: "text" })} {...aria} />}
        </Field>
        {select("category", "category")}
        {select("phase", "phase")}
        {select("dataSensitivity", "sensitivity")}
        <button type="submit" className="button primary">
          {t("rfq.new.create")}
        </button>
      </Form>
    </section>
  );
}
