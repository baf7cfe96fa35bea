import type { SnapshotAnnotation, SnapshotMemo } from "~/domain/award/proposal";
import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { MemoBody } from "./memos-panel";

// The award proposal's frozen recommendation memos and annotations with their clarifications (issue 18; decision
// 0047), as the 稟議書 prints them. A snapshot taken before they were recorded (schema 1) has neither: nothing shows.

export function SnapshotEvaluation({
  memos,
  annotations,
  vendorNames,
}: {
  memos: readonly SnapshotMemo[] | null;
  annotations: readonly SnapshotAnnotation[] | null;
  vendorNames: Readonly<Record<string, string>>;
}) {
  const { t, locale } = useI18n();
  return (
    <>
      {memos ? (
        <section data-testid="award-snapshot-memos">
          <h3>{t("memos.packet.memos")}</h3>
          {memos.length === 0 ? <p className="muted">{t("memos.panel.none")}</p> : null}
          {memos.map((m) => (
            <article key={m.id}>
              <h4>{t("memos.packet.memoHeading", { org: m.advisorName, version: m.version, date: formatDate(m.publishedAt, locale) })}</h4>
              <MemoBody memo={{ ...m, status: "published", vendorName: m.quoteId ? (vendorNames[m.quoteId] ?? null) : null, author: { name: "" } }} />
            </article>
          ))}
        </section>
      ) : null}
      {annotations && annotations.length > 0 ? (
        <section data-testid="award-snapshot-annotations">
          <h3>{t("memos.packet.annotations")}</h3>
          <ul>
            {annotations.map((n) => (
              <li key={n.id}>
                <strong>{t(`memos.packet.kind.${n.kind}`)}</strong> · {vendorNames[n.quoteId] ?? n.quoteId} · {n.authorName}: {n.body}
                {n.clarification ? (
                  <>
                    <br />
                    {t("memos.packet.asked", { question: n.clarification.question })}{" "}
                    {n.clarification.answer === null ? t("memos.packet.unanswered") : t("memos.packet.answer", { answer: n.clarification.answer })}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
