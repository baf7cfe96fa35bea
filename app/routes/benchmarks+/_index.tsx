import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { benchmarkKeyWords, formatBenchmarkValue, phaseWords } from "~/components/insight/benchmark-hint";
import { BENCHMARK_KINDS } from "~/domain/insight/benchmarks";
import { RFQ_CATEGORIES, rfqCategoryLabels, type RfqCategory } from "~/domain/rfq/categories";
import { readBenchmarks } from "~/services/benchmarks.server";
import { requireUser } from "~/utils/auth.server";
import { notFound } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// /benchmarks (decision 0048): the stored market benchmarks per category. Buyers and advisors read every cell
// (median, interquartile range and n of the published ones, "not enough data" for the others); vendors read only
// which band their own commitments fall in. Nothing here computes from raw rows: the service reads the job's table.

export const meta: MetaFunction = () => [{ title: "市場ベンチマーク / Market benchmarks — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const raw = new URL(request.url).searchParams.get("category");
  let read = await readBenchmarks(context, user.actor, raw);
  let categoryError = false;
  if (!read.ok && read.status === 400) {
    // An unknown category in the address: say so beside the chooser and show every category.
    categoryError = true;
    read = await readBenchmarks(context, user.actor, null);
  }
  if (!read.ok) throw notFound();
  return { read, categoryError };
}

export default function BenchmarksPage() {
  const { read, categoryError } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const allPhases = t("benchmarks.phase.all");
  const categoryWords = (c: string) => rfqCategoryLabels[c as RfqCategory]?.[locale] ?? c;
  const keyWords = (kind: string, key: string) => benchmarkKeyWords(kind, key, locale, t);
  return (
    <article className="stack">
      <h1>{t("benchmarks.title")}</h1>
      <p className="muted">{read.audience === "vendor" ? t("benchmarks.vendorIntro") : t("benchmarks.intro")}</p>
      <Form method="get" className="row">
        <label>
          {t("benchmarks.category")}{" "}
          <select name="category" defaultValue={read.category ?? ""} aria-invalid={categoryError || undefined} aria-describedby="category-error">
            <option value="">{t("benchmarks.category.all")}</option>
            {RFQ_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {categoryWords(c)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("benchmarks.show")}</button>
        {categoryError ? (
          <p id="category-error" className="field-error" role="alert">
            {t("benchmarks.category.invalid")}
          </p>
        ) : null}
      </Form>
      {read.audience === "vendor" ? (
        read.bands.length === 0 ? (
          <p>{t("benchmarks.noBands")}</p>
        ) : (
          <table className="table" data-testid="benchmark-bands">
            <thead>
              <tr>
                <th scope="col">{t("benchmarks.category")}</th>
                <th scope="col">{t("benchmarks.col.item")}</th>
                <th scope="col">{t("benchmarks.col.phase")}</th>
                <th scope="col">{t("benchmarks.col.band")}</th>
              </tr>
            </thead>
            <tbody>
              {read.bands.map((b) => (
                <tr key={`${b.category}|${b.kind}|${b.key}|${b.phase ?? ""}`}>
                  <td>{categoryWords(b.category)}</td>
                  <td>{keyWords(b.kind, b.key)}</td>
                  <td>{phaseWords(b.phase, locale, allPhases)}</td>
                  <td>{t(`benchmarks.band.${b.band}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : read.cells.length === 0 ? (
        <p>{t("benchmarks.none")}</p>
      ) : (
        <>
          {read.computedAt ? <p className="muted">{t("benchmarks.computedAt", { date: formatDate(read.computedAt, locale) })}</p> : null}
          {[...new Set(read.cells.map((c) => c.category))].map((category) => (
            <section key={category} className="stack" data-testid={`benchmarks-${category}`}>
              <h2>{categoryWords(category)}</h2>
              {BENCHMARK_KINDS.map((kind) => {
                // A per-phase row is shown only when it publishes on its own; the all-phase row always.
                const rows = read.cells.filter((c) => c.category === category && c.kind === kind && (c.phase === null || c.published));
                if (rows.length === 0) return null;
                return (
                  <table key={kind} className="table">
                    <caption>{t(`benchmarks.kind.${kind}`)}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("benchmarks.col.item")}</th>
                        <th scope="col">{t("benchmarks.col.phase")}</th>
                        <th scope="col">{t("benchmarks.col.median")}</th>
                        <th scope="col">{t("benchmarks.col.iqr")}</th>
                        <th scope="col">{t("benchmarks.col.n")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((c) => (
                        <tr key={`${c.key}|${c.phase ?? ""}`}>
                          <td>{keyWords(c.kind, c.key)}</td>
                          <td>{phaseWords(c.phase, locale, allPhases)}</td>
                          {c.published ? (
                            <>
                              <td>{formatBenchmarkValue(c.median, c.unit, locale)}</td>
                              <td>
                                {formatBenchmarkValue(c.q1, c.unit, locale)}〜{formatBenchmarkValue(c.q3, c.unit, locale)}
                              </td>
                              <td>{c.n}</td>
                            </>
                          ) : (
                            <td colSpan={3} className="muted">
                              {t("benchmarks.notEnoughData")}
                            </td>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                );
              })}
            </section>
          ))}
        </>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
