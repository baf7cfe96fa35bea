import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The advisors' published recommendation memos, for the buyer's members (issue 18 item 5; decision 0047): the
// current version of each advisory organisation first, its earlier published versions folded underneath. Rendered on
// the comparison page from `publishedMemosForBuyer` (null → nothing: the reader is not the buyer).

export interface PanelMemo {
  id: string;
  advisorOrgId: string;
  advisorName: string;
  version: number;
  status: string;
  vendorName: string | null;
  rationale: string;
  conditions: string;
  risks: string;
  author: { name: string };
  publishedAt: string | null;
}

export function MemoBody({ memo }: { memo: PanelMemo }) {
  const { t } = useI18n();
  return (
    <dl>
      {memo.vendorName ? (
        <>
          <dt>{t("memos.field.quote")}</dt>
          <dd data-testid="memo-recommends">{memo.vendorName}</dd>
        </>
      ) : null}
      {(
        [
          ["memos.field.rationale", memo.rationale],
          ["memos.field.conditions", memo.conditions],
          ["memos.field.risks", memo.risks],
        ] as const
      ).map(([key, text]) =>
        text.trim() ? (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{text}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

/** `panel` is `memosPanelFor`'s answer: the buyer's published memos, or an assigned advisor's link to its memo page. */
export function MemosPanel({ panel }: { panel: { memos: readonly PanelMemo[] | null; memoHref: string | null } | null }) {
  const { t, locale } = useI18n();
  if (panel === null) return null;
  if (panel.memos === null)
    return panel.memoHref ? (
      <p className="card" data-testid="memos-panel-link">
        <a href={panel.memoHref}>{t("memos.title")}</a> — {t("memos.new.hint")}
      </p>
    ) : null;
  const memos = panel.memos;
  const orgs = [...new Set(memos.map((m) => m.advisorOrgId))];
  return (
    <section className="card stack" aria-labelledby="memos-panel-heading" data-testid="memos-panel">
      <h2 id="memos-panel-heading">{t("memos.panel.title")}</h2>
      {orgs.length === 0 ? <p className="muted">{t("memos.panel.none")}</p> : null}
      {orgs.map((org) => {
        const versions = memos.filter((m) => m.advisorOrgId === org);
        const current = versions.find((m) => m.status === "published");
        const earlier = versions.filter((m) => m !== current);
        return (
          <article key={org} className="stack" data-testid="memo-current">
            <h3>
              {versions[0]!.advisorName}
              {current ? <span className="muted"> · {t("memos.version", { version: current.version })}</span> : null}
            </h3>
            {current ? (
              <>
                <p className="muted">{t("memos.publishedOn", { date: formatDate(current.publishedAt!, locale), name: current.author.name })}</p>
                {current.vendorName ? <p>{t("memos.panel.recommends", { vendor: current.vendorName })}</p> : null}
                <MemoBody memo={current} />
              </>
            ) : null}
            {earlier.length > 0 ? (
              <details>
                <summary>{t("memos.panel.earlier", { count: earlier.length })}</summary>
                {earlier.map((m) => (
                  <div key={m.id} className="stack" data-testid="memo-earlier">
                    <h4>
                      {t("memos.version", { version: m.version })} · {t(`memos.status.${m.status as "superseded"}`)}
                      {m.publishedAt ? ` · ${formatDate(m.publishedAt, locale)}` : ""}
                    </h4>
                    <MemoBody memo={m} />
                  </div>
                ))}
              </details>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
