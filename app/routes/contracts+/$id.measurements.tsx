import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { t as translate, type AnyMessageKey } from "~/i18n";
import { MAX_CSV_BYTES } from "~/domain/measurements/csv-limits";
import { decideMeasurements, enterMeasurement, importMeasurementsCsv, measurementsPage, replyToMeasurement } from "~/services/sla-measurements.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDateTime, formatMonth, formatNumber, formatYen } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { failure } from "~/utils/service-failure";

// /contracts/:id/measurements (tab SLA実績; issue 17 item 2, decision 0040): per month of the term and KPI of the
// SLA, the committed target, the actual figures, the status and the dispute thread. The vendor enters, corrects,
// imports a CSV and replies; the buyer confirms (one or several at once) or disputes with a reason. Anyone but the
// contract's two parties: not found. Every form works without JavaScript.

export const meta: MetaFunction = () => [{ title: "SLA実績 / SLA measurements — Kurabe" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await measurementsPage(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  return page;
}

const str = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

const TOAST: Record<string, AnyMessageKey> = {
  enter: "measurements.saved",
  import: "measurements.imported",
  confirm: "measurements.confirmedToast",
  confirmMany: "measurements.confirmedToast",
  dispute: "measurements.disputedToast",
  reply: "measurements.repliedToast",
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const contractId = params.id ?? "";
  const intent = str(form, "intent");
  const id = str(form, "id");
  const values = {
    period: str(form, "period"),
    kpiKey: str(form, "kpiKey"),
    successes: str(form, "successes"),
    trials: str(form, "trials"),
    value: str(form, "value"),
    note: str(form, "note"),
    reason: str(form, "reason"),
    body: str(form, "body"),
  };
  const done = await (async () => {
    switch (intent) {
      case "enter":
        return enterMeasurement(context, user.actor, contractId, values);
      case "import": {
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0) return failure.invalid({ fieldErrors: { file: ["measurements.csv.notCsv"] } });
        if (file.size > MAX_CSV_BYTES) return "tooLarge" as const;
        return importMeasurementsCsv(context, user.actor, contractId, new TextDecoder().decode(await file.arrayBuffer()));
      }
      case "confirm":
        return decideMeasurements(context, user.actor, contractId, [id], { decision: "confirm" });
      case "confirmMany":
        return decideMeasurements(context, user.actor, contractId, form.getAll("ids").map(String), { decision: "confirm" });
      case "dispute":
        return decideMeasurements(context, user.actor, contractId, [id], { decision: "dispute", reason: values.reason });
      case "reply":
        return replyToMeasurement(context, user.actor, id, { body: values.body });
      default:
        return failure.notFound();
    }
  })();
  if (done === "tooLarge") {
    // Refused before reading the file; its words need the limit, which a bare message key cannot carry.
    const file = [translate(locale, "measurements.csv.tooLarge", { max: MAX_CSV_BYTES / 1024 })];
    return json(
      { intent, id, values, status: 400, formErrors: [translate(locale, "common.formHasErrors")], fieldErrors: { file } as Record<string, string[]> },
      { status: 400 },
    );
  }
  if (!done.ok && done.status === 404) throw notFound();
  if (!done.ok) return json({ intent, id, values, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(`/contracts/${contractId}/measurements`, { headers: { "Set-Cookie": await toastHeader(context, { key: TOAST[intent]! }) } });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Cell = Page["grid"][number]["cells"][number];
type Kpi = Cell["kpi"];
type Answer = ReturnType<typeof useActionData<typeof action>>;

const UNIT_WORDS = {
  hours: "measurements.unit.hours",
  days: "measurements.unit.days",
  count: "measurements.unit.count",
  ratio: "measurements.unit.ratio",
  score: "measurements.unit.score",
} as const;

function useFormat() {
  const { t, locale } = useI18n();
  const percent = (fraction: number) => `${formatNumber(fraction * 100, locale, 2)}%`;
  const amount = (kpi: Pick<Kpi, "unit">, v: number) => {
    if (kpi.unit === "yen") return formatYen(v, locale);
    const value = formatNumber(v, locale, 4);
    return Object.hasOwn(UNIT_WORDS, kpi.unit)
      ? t(UNIT_WORDS[kpi.unit as keyof typeof UNIT_WORDS], { value })
      : t("measurements.unit.other", { value, unit: kpi.unit });
  };
  /** "2027-02" → 2027年2月 / Feb 2027. */
  const period = (p: string) => t("measurements.period", { year: p.slice(0, 4), month: formatMonth(Number(p.slice(5, 7)), locale) });
  const figures = (kpi: Kpi, m: { successes: number | null; trials: number | null; value: number | null }) =>
    m.successes !== null && m.trials !== null
      ? t("measurements.actual.rate", {
          percent: percent(m.successes / m.trials),
          successes: formatNumber(m.successes, locale),
          trials: formatNumber(m.trials, locale),
        })
      : m.value !== null
        ? amount(kpi, m.value)
        : "—";
  const target = (kpi: Kpi) => {
    const v = kpi.unit === "rate" ? percent(kpi.target) : amount(kpi, kpi.target);
    return t(kpi.direction === "benefit" ? "measurements.target.atLeast" : "measurements.target.atMost", { value: v });
  };
  return { figures, target, period };
}

const STATUS_KEY = {
  pending: "measurements.status.pending",
  disputed: "measurements.status.disputed",
  confirmed: "measurements.status.confirmed",
} as const;

export default function MeasurementsPage() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useI18n();
  const vendor = d.side === "vendor";
  const pendingIds = d.grid.flatMap((r) => r.cells.flatMap((c) => (c.measurement && c.measurement.status !== "confirmed" ? [c.measurement.id] : [])));
  return (
    <article className="stack">
      <h1>{t("measurements.title")}</h1>
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <p className="muted">{t(vendor ? "measurements.intro.vendor" : "measurements.intro.buyer")}</p>
      <p className="hint">{t("measurements.finalNote")}</p>
      {!d.active ? <p>{t("measurements.notActive")}</p> : null}
      {d.sla.length === 0 ? <p>{t("measurements.noSla")}</p> : null}
      {d.active && d.sla.length > 0 && d.grid.length === 0 ? <p>{t("measurements.noPeriods")}</p> : null}
      {d.grid.length > 0 && d.sla.length > 0 ? <Grid d={d} answer={answer} /> : null}
      {!vendor && pendingIds.length > 0 ? (
        <Form method="post" id="confirm-many">
          <CsrfInput />
          <input type="hidden" name="intent" value="confirmMany" />
          {answer?.intent === "confirmMany" ? <FormErrors errors={[...answer.formErrors, ...Object.values(answer.fieldErrors).flat()]} /> : null}
          <button type="submit" className="button">
            {t("measurements.form.confirmSelected")}
          </button>
        </Form>
      ) : null}
      {vendor && d.active && d.sla.length > 0 && d.periods.length > 0 ? <VendorForms d={d} answer={answer} /> : null}
    </article>
  );
}

function Grid({ d, answer }: { d: Page; answer: Answer }) {
  const { t, locale } = useI18n();
  const { figures, target, period } = useFormat();
  return (
    <table className="table" data-testid="measurements">
      <thead>
        <tr>
          <th scope="col">{t("measurements.col.period")}</th>
          <th scope="col">{t("measurements.col.kpi")}</th>
          <th scope="col">{t("measurements.col.target")}</th>
          <th scope="col">{t("measurements.col.actual")}</th>
          <th scope="col">{t("measurements.col.status")}</th>
          <th scope="col">{t("measurements.col.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {d.grid.flatMap((row) =>
          row.cells.map((cell) => (
            <tr key={`${row.period}-${cell.kpi.key}`} data-period={row.period} data-kpi={cell.kpi.key}>
              <th scope="row">{period(row.period)}</th>
              <td>{cell.kpi.label[locale] || cell.kpi.label.ja}</td>
              <td>{target(cell.kpi)}</td>
              <td>
                {cell.measurement ? figures(cell.kpi, cell.measurement) : "—"}
                {cell.measurement?.note ? <div className="muted small">{t("measurements.note", { note: cell.measurement.note })}</div> : null}
              </td>
              <td>
                {t(cell.measurement ? STATUS_KEY[cell.measurement.status] : "measurements.status.missing")}
                {cell.measurement && cell.measurement.revision > 1 ? (
                  <div className="muted small">{t("measurements.revision", { revision: cell.measurement.revision })}</div>
                ) : null}
              </td>
              <td>
                <CellActions d={d} period={row.period} cell={cell} answer={answer} />
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function CellActions({ d, period, cell, answer }: { d: Page; period: string; cell: Cell; answer: Answer }) {
  const { t, locale } = useI18n();
  const { figures, period: periodWords } = useFormat();
  const m = cell.measurement;
  if (!m) return null;
  const mine = answer && answer.id === m.id ? answer : null;
  const open = m.status !== "confirmed";
  const label = cell.kpi.label[locale] || cell.kpi.label.ja;
  return (
    <div className="stack">
      {d.side === "buyer" && open ? (
        <>
          <label className="small">
            <input type="checkbox" name="ids" value={m.id} form="confirm-many" /> {t("measurements.form.select", { kpi: label, period: periodWords(period) })}
          </label>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="id" value={m.id} />
            {mine?.intent === "confirm" ? <FormErrors errors={mine.formErrors} /> : null}
            <button type="submit" className="button primary">
              {t("measurements.form.confirm")}
            </button>
          </Form>
          <details open={mine?.intent === "dispute"}>
            <summary>{t("measurements.form.dispute")}</summary>
            <Form method="post" className="stack">
              <CsrfInput />
              <input type="hidden" name="intent" value="dispute" />
              <input type="hidden" name="id" value={m.id} />
              {mine?.intent === "dispute" ? <FormErrors errors={mine.formErrors} /> : null}
              <Field id={`reason-${m.id}`} label={t("measurements.form.reason")} errors={mine?.intent === "dispute" ? mine.fieldErrors.reason : undefined}>
                {(aria) => <textarea name="reason" rows={3} maxLength={2000} defaultValue={mine?.values.reason} {...aria} />}
              </Field>
              <button type="submit" className="button">
                {t("measurements.form.dispute")}
              </button>
            </Form>
          </details>
        </>
      ) : null}
      {d.side === "vendor" && m.status === "disputed" ? (
        <details open={mine?.intent === "reply"}>
          <summary>{t("measurements.form.reply")}</summary>
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="reply" />
            <input type="hidden" name="id" value={m.id} />
            {mine?.intent === "reply" ? <FormErrors errors={mine.formErrors} /> : null}
            <Field id={`body-${m.id}`} label={t("measurements.form.replyBody")} errors={mine?.intent === "reply" ? mine.fieldErrors.body : undefined}>
              {(aria) => <textarea name="body" rows={3} maxLength={2000} defaultValue={mine?.values.body} {...aria} />}
            </Field>
            <button type="submit" className="button">
              {t("measurements.form.reply")}
            </button>
          </Form>
        </details>
      ) : null}
      {m.history.length > 0 ? (
        <details open={m.status === "disputed"}>
          <summary>{t("measurements.history")}</summary>
          <ol className="small" data-testid="measurement-history">
            {m.history.map((e, i) => (
              <li key={i}>
                {e.kind === "entered" || e.kind === "corrected"
                  ? t(`measurements.event.${e.kind}`, { name: e.actorName, figures: figures(cell.kpi, e) })
                  : e.kind === "confirmed"
                    ? t("measurements.event.confirmed", { name: e.actorName })
                    : t(`measurements.event.${e.kind}`, { name: e.actorName, body: e.body ?? "" })}
                <span className="muted"> · {formatDateTime(e.at, locale)}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

function VendorForms({ d, answer }: { d: Page; answer: Answer }) {
  const { t, locale } = useI18n();
  const { period } = useFormat();
  const entering = answer?.intent === "enter" ? answer : null;
  const importing = answer?.intent === "import" ? answer : null;
  const rowErrors = importing ? Object.entries(importing.fieldErrors).flatMap(([, messages]) => messages) : [];
  return (
    <>
      <section className="stack card">
        <h2>{t("measurements.form.enterTitle")}</h2>
        <Form method="post" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="enter" />
          <FormErrors errors={entering?.formErrors} />
          <Field id="period" label={t("measurements.form.period")} errors={entering?.fieldErrors.period}>
            {(aria) => (
              <select name="period" defaultValue={entering?.values.period || d.templatePeriod || undefined} {...aria}>
                {d.periods.map((p) => (
                  <option key={p} value={p}>
                    {period(p)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="kpiKey" label={t("measurements.form.kpi")} errors={entering?.fieldErrors.kpiKey}>
            {(aria) => (
              <select name="kpiKey" defaultValue={entering?.values.kpiKey} {...aria}>
                {d.sla.map((k) => (
                  <option key={k.key} value={k.key}>
                    {k.label[locale] || k.label.ja}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="successes" label={t("measurements.form.successes")} errors={entering?.fieldErrors.successes}>
            {(aria) => <input name="successes" inputMode="numeric" defaultValue={entering?.values.successes} {...aria} />}
          </Field>
          <Field id="trials" label={t("measurements.form.trials")} errors={entering?.fieldErrors.trials}>
            {(aria) => <input name="trials" inputMode="numeric" defaultValue={entering?.values.trials} {...aria} />}
          </Field>
          <Field id="value" label={t("measurements.form.value")} errors={entering?.fieldErrors.value}>
            {(aria) => <input name="value" inputMode="decimal" defaultValue={entering?.values.value} {...aria} />}
          </Field>
          <Field id="note" label={t("measurements.form.note")} errors={entering?.fieldErrors.note}>
            {(aria) => <textarea name="note" rows={2} maxLength={2000} defaultValue={entering?.values.note} {...aria} />}
          </Field>
          <button type="submit" className="button primary">
            {t("measurements.form.save")}
          </button>
        </Form>
      </section>
      <section className="stack card">
        <h2>{t("measurements.form.importTitle")}</h2>
        <p className="hint">{t("measurements.form.importHint")}</p>
        <p>
          <a href={`/contracts/${d.contractId}/measurements/template.csv`} download>
            {t("measurements.form.template")}
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="import" />
          <FormErrors errors={importing?.formErrors} />
          <Field id="file" label={t("measurements.form.file")} errors={importing ? rowErrors : undefined}>
            {(aria) => <input type="file" name="file" accept=".csv,text/csv" {...aria} />}
          </Field>
          <button type="submit" className="button">
            {t("measurements.form.import")}
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
