import { describe, expect, it } from "vitest";
import type { SlaTarget } from "~/domain/contracts/contract-draft";
import { t } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import { MAX_CSV_ROWS, measurementTemplateCsv, readMeasurementCsv } from "./csv";

const sla: SlaTarget[] = [
  { key: "accuracy", label: { ja: "入力正確性", en: "Entry accuracy" }, unit: "rate", direction: "benefit", target: 0.999 },
  { key: "first_response_hours", label: { ja: "初回応答時間", en: "First response" }, unit: "hours", direction: "cost", target: 4 },
];
const o = { sla, term: { from: "2026-04-01", to: "2027-03-31" }, today: "2026-07-06" };
const messages = (text: string, locale: "ja" | "en" = "ja") => {
  const r = readMeasurementCsv(text, o);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join(".")} ${localizeZodIssue(i, locale)}`);
};

describe("the template", () => {
  it("is UTF-8 with a BOM, a header and one row per KPI for the period, labels in the reader's language", () => {
    const csv = measurementTemplateCsv(sla, "2026-06", "ja");
    expect(csv.startsWith("\uFEFFperiod,kpi_key,kpi_label,successes,trials,value,note\r\n")).toBe(true);
    expect(csv).toContain("2026-06,accuracy,入力正確性,,,,\r\n");
    expect(measurementTemplateCsv(sla, "2026-06", "en")).toContain("2026-06,first_response_hours,First response,,,,\r\n");
  });
  it("reads back as a file that only lacks its figures", () => {
    const back = messages(measurementTemplateCsv(sla, "2026-06", "ja"));
    expect(back).toEqual([
      `rows.2.successes ${t("ja", "measurements.csv.successes.invalid", { row: 2 })}`,
      `rows.2.trials ${t("ja", "measurements.csv.trials.invalid", { row: 2 })}`,
      `rows.3.value ${t("ja", "measurements.csv.value.invalid", { row: 3 })}`,
    ]);
  });
});

describe("reading an upload", () => {
  it("reads rows in any column order, quoted notes with commas and line breaks", () => {
    const r = readMeasurementCsv(
      '\uFEFFKPI_KEY,Period,Successes,Trials,Value,Note\r\naccuracy,2026-06,"9,990","10,000",,"月次, 速報\n確定"\nfirst_response_hours,2026-05,,,3.5,\n',
      o,
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        { row: 2, period: "2026-06", kpiKey: "accuracy", figures: { kind: "rate", successes: 9990, trials: 10000 }, note: "月次, 速報\n確定" },
        { row: 3, period: "2026-05", kpiKey: "first_response_hours", figures: { kind: "value", value: 3.5 }, note: "" },
      ],
    });
  });
  it("names every wrong row, in the reader's language", () => {
    const text = [
      "period,kpi_key,successes,trials,value,note",
      "2026-06,accuracy,99,100,,",
      "2026-05,accuracy,0,0,,",
      "2026-08,first_response_hours,,,2,",
      "2026-06,uptime,1,1,,",
      "2026-06,accuracy,1,1,,",
    ].join("\n");
    expect(messages(text)).toEqual([
      "rows.3.trials 3行目: trials は1以上の整数で入力してください。",
      "rows.4.period 4行目: period がまだ始まっていない月です。",
      "rows.5.kpi_key 5行目: kpi_key がこの契約のKPIではありません。",
      "rows.6.kpi_key 6行目: 同じ period と kpi_key の行が前にあります。",
    ]);
    expect(messages(text, "en")[0]).toBe("rows.3.trials Row 3: trials must be a whole number, 1 or more.");
  });
  it("refuses an empty file, a missing column, broken quoting, too many rows and too many bytes", () => {
    expect(messages("period,kpi_key\n")).toEqual([`file ${t("ja", "measurements.csv.empty")}`]);
    expect(messages("period,successes\n2026-06,1\n")).toEqual([`file ${t("ja", "measurements.csv.header", { column: "kpi_key" })}`]);
    expect(messages('period,kpi_key,note\n2026-06,accuracy,"open\n')[0]).toMatch(/^file .*行目: CSVとして読み取れません/);
    const many = ["period,kpi_key,successes,trials", ...Array.from({ length: MAX_CSV_ROWS + 1 }, () => "2026-06,accuracy,1,1")].join("\n");
    expect(messages(many)).toEqual([`file ${t("ja", "measurements.csv.tooManyRows", { max: MAX_CSV_ROWS })}`]);
    expect(messages(`period,kpi_key,note\n2026-06,accuracy,${"x".repeat(300 * 1024)}\n`)).toEqual([
      `file ${t("ja", "measurements.csv.tooLarge", { max: 256 })}`,
    ]);
  });
});
