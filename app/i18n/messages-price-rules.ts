// A public buyer's price rules: 予定価格, 最低制限価格, 低入札価格調査基準価格 (issue 19 item 3; decision 0049).
export const priceRuleMessages = {
  // Field messages of app/domain/rfq/public-price-rules.ts.
  "priceRules.yen.invalid": { ja: "1円以上の整数（円）で入力してください。", en: "Enter a whole number of yen, at least ¥1." },
  "priceRules.taxBasis.invalid": { ja: "税抜・税込のどちらかを選んでください。", en: "Choose tax excluded or tax included." },
  "priceRules.floor.kind.invalid": {
    ja: "最低制限価格か低入札価格調査基準価格のどちらかを選んでください。",
    en: "Choose a minimum price or a low-bid investigation price.",
  },
  "priceRules.floor.taxBasisDiffers": {
    ja: "予定価格と同じ税区分（税抜・税込）で入力してください。",
    en: "Use the same tax basis (excluded or included) as the ceiling price.",
  },
  "priceRules.floor.notBelowCeiling": { ja: "予定価格より低い金額を入力してください。", en: "Enter an amount below the ceiling price." },
  "priceRules.notMunicipality": {
    ja: "予定価格などの設定は、地方公共団体の発注者のみ利用できます。",
    en: "Ceiling and floor prices are for municipality buyers only.",
  },

  // The RFQ form (the lines step), shown to municipality buyers only.
  "priceRules.form.legend": { ja: "予定価格・最低制限価格（非公開）", en: "Ceiling and floor prices (confidential)" },
  "priceRules.form.hint": {
    ja: "事業者には表示されません。監査ログでも開札までは伏せられます。見積の契約金額（同じ税区分）と比較します。",
    en: "Never shown to vendors, and hidden in the audit log until the quotes are opened. Compared with each quote's contract value on the same tax basis.",
  },
  "priceRules.form.ceilingYen": { ja: "予定価格（円）", en: "Ceiling price (予定価格, yen)" },
  "priceRules.form.ceilingTaxBasis": { ja: "予定価格の税区分", en: "Tax basis of the ceiling price" },
  "priceRules.form.taxBasis.excluded": { ja: "税抜", en: "Tax excluded" },
  "priceRules.form.taxBasis.included": { ja: "税込", en: "Tax included" },
  "priceRules.form.floorKind": { ja: "下限の種類", en: "Floor price" },
  "priceRules.form.floorKind.none": { ja: "設定しない", en: "None" },
  "priceRules.form.floorKind.minimum": { ja: "最低制限価格（下回る見積は失格）", en: "Minimum price (最低制限価格: a quote below it is disqualified)" },
  "priceRules.form.floorKind.investigation": {
    ja: "低入札価格調査基準価格（下回る見積は調査の対象）",
    en: "Low-bid investigation price (低入札価格調査基準価格: a quote below it is investigated)",
  },
  "priceRules.form.floorYen": { ja: "下限の金額（円）", en: "Floor price (yen)" },
  "priceRules.form.floorTaxBasis": { ja: "下限の税区分", en: "Tax basis of the floor price" },
  "priceRules.form.clear": {
    ja: "予定価格を設定しない（登録済みの予定価格と下限を削除する）",
    en: "No ceiling price (remove the ceiling and floor prices set)",
  },
  "priceRules.form.clearHint": {
    ja: "チェックして保存すると、予定価格と最低制限価格・低入札価格調査基準価格の設定を削除します。削除は変更履歴に残ります。",
    en: "Tick and save to remove the ceiling price and the floor price. The removal is kept in the change history.",
  },

  // The ranking's gate-only criteria (app/domain/comparison/ranking-input.ts) and the comparison's flag.
  "priceRules.gate.ceiling": { ja: "予定価格", en: "Ceiling price" },
  "priceRules.gate.minimum": { ja: "最低制限価格", en: "Minimum price" },
  "priceRules.reason.aboveCeiling": { ja: "予定価格超過", en: "Above the ceiling price" },
  "priceRules.reason.belowMinimum": { ja: "最低制限価格未満", en: "Below the minimum price" },
  "priceRules.flag.lowBidInvestigation": { ja: "低入札価格調査の対象", en: "Subject to low-bid investigation" },

  // The award proposal's trigger (app/domain/award/proposal.ts).
  "awardProposal.trigger.lowBidInvestigation": {
    ja: "低入札価格調査基準価格を下回る見積です。調査の結果（履行可能と判断した理由）を記録してください。",
    en: "The quote is below the low-bid investigation price. Record the investigation's result (why the work can be performed at this price).",
  },

  // The audit log before opening.
  "priceRules.audit.sealed": { ja: "（開札まで非公開）", en: "(sealed until opening)" },
} as const satisfies Record<string, { ja: string; en: string }>;

export type PriceRuleMessageKey = keyof typeof priceRuleMessages;
