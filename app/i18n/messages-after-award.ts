// After the award (issue 17): the tabs over one contract's pages, shared by the buyer's and the vendor's side.
// Each page's own words live in its feature's catalog.
export const afterAwardMessages = {
  "afterAward.tabs.label": { ja: "契約の管理", en: "Contract management" },
  "afterAward.tabs.contract": { ja: "契約", en: "Contract" },
  "afterAward.tabs.deliveries": { ja: "納品・検収", en: "Deliveries" },
  "afterAward.tabs.measurements": { ja: "SLA実績", en: "SLA measurements" },
  "afterAward.tabs.changes": { ja: "変更管理", en: "Change requests" },
  "afterAward.tabs.reviews": { ja: "定例レビュー", en: "Periodic reviews" },
  "afterAward.tabs.rating": { ja: "取引評価", en: "Vendor rating" },
  "afterAward.todo.column": { ja: "対応が必要なこと", en: "To do" },
  "afterAward.todo.total": { ja: "対応が必要な項目が {n} 件あります。", en: "{n} item(s) need your attention." },
  "afterAward.todo.none": { ja: "いま対応が必要な項目はありません。", en: "Nothing needs your attention now." },
} as const;
