// 決裁起案 (award proposals, issue 15 item 2): the proposal form on the comparison page, the proposal page
// /rfqs/:id/award, and the refusals of app/services/award-proposals.server.ts.
export const awardProposalMessages = {
  "awardProposal.title": { ja: "決裁起案", en: "Propose award" },
  "awardProposal.intro": {
    ja: "落札候補の見積を選び、理由を書いて稟議に回します。起案の時点の比較結果（評価方法・重み・全見積の点数と内訳・足切り・頑健性・安定性・アドバイザーの所見・TCO/ROI・版）を固定し、SHA-256で封印します。",
    en: "Choose the quote to award and write why; the proposal goes through the approval route. The comparison as it stands now (method, weights, every score and contribution, gates, robustness, stability, advisors' notes, TCO/ROI, versions) is frozen and sealed with a SHA-256.",
  },
  "awardProposal.quote": { ja: "落札候補の見積", en: "Quote to award" },
  "awardProposal.quote.option": { ja: "{rank}位 {vendor}（{amount}）", en: "#{rank} {vendor} ({amount})" },
  "awardProposal.quote.optionUnranked": { ja: "順位なし {vendor}（{amount}）", en: "Unranked {vendor} ({amount})" },
  "awardProposal.rationale": { ja: "起案理由", en: "Rationale" },
  "awardProposal.specificRationale": {
    ja: "個別の理由（1位以外・アドバイザーの推薦と異なる・警告ありの場合）",
    en: "Specific reason (when not rank 1, not the advisor's recommendation, or flagged)",
  },
  "awardProposal.submit": { ja: "起案して稟議に回す", en: "Propose and send for approval" },
  "awardProposal.proposed": { ja: "決裁を起案しました。承認者に通知しました。", en: "Award proposed; the approvers have been notified." },
  "awardProposal.none": { ja: "この見積依頼の起案はまだありません。", en: "No award has been proposed for this RFQ yet." },
  "awardProposal.open": { ja: "起案を見る", en: "View the proposal" },
  "awardProposal.amount": { ja: "契約金額（税込）", en: "Contract value (incl. tax)" },
  "awardProposal.proposer": { ja: "起案者", en: "Proposed by" },
  "awardProposal.statusLabel": { ja: "状態", en: "Status" },
  "awardProposal.status.draft": { ja: "下書き", en: "Draft" },
  "awardProposal.status.pending": { ja: "承認待ち", en: "Waiting for approval" },
  "awardProposal.status.approved": { ja: "承認済み", en: "Approved" },
  "awardProposal.status.rejected": { ja: "否決", en: "Rejected" },
  "awardProposal.status.returned": { ja: "差戻し", en: "Returned for revision" },
  "awardProposal.status.withdrawn": { ja: "取下げ", en: "Withdrawn" },
  "awardProposal.hash": { ja: "スナップショットのSHA-256", en: "Snapshot SHA-256" },
  "awardProposal.link": { ja: "決裁（稟議）と落札", en: "Approval and award" },
  "awardProposal.packet.download": { ja: "稟議書（PDF）", en: "Approval packet (PDF, Japanese)" },
  "awardProposal.packet.downloadEn": { ja: "稟議書（英語版PDF）", en: "Approval packet (PDF, English)" },
  "awardProposal.hash.verified": { ja: "検証済み：スナップショットは起案時のままです。", en: "Verified: the snapshot is unchanged since the proposal." },
  "awardProposal.hash.mismatch": { ja: "不一致：スナップショットが起案時から変わっています。", en: "Mismatch: the snapshot differs from the one proposed." },
  "awardProposal.route": { ja: "稟議ルート（改訂 {revision}）", en: "Approval route (revision {revision})" },
  "awardProposal.snapshot": { ja: "起案時の比較結果", en: "The comparison when proposed" },
  "awardProposal.snapshot.method": { ja: "評価方法", en: "Method" },
  "awardProposal.snapshot.rank": { ja: "順位", en: "Rank" },
  "awardProposal.snapshot.score": { ja: "総合点", en: "Score" },
  "awardProposal.snapshot.weights": { ja: "重み", en: "Weights" },
  "awardProposal.snapshot.stability": { ja: "決定の安定性", en: "Stability of the decision" },
  "awardProposal.snapshot.advisors": { ja: "アドバイザーの推薦", en: "Advisors' recommendations" },
  // Refusals
  "awardProposal.quoteId.required": { ja: "落札候補の見積を選んでください。", en: "Choose the quote to award." },
  "awardProposal.rationale.required": { ja: "起案理由を入力してください。", en: "Enter the rationale." },
  "awardProposal.rationale.tooLong": { ja: "4,000文字以内で入力してください。", en: "Use 4,000 characters or fewer." },
  "awardProposal.specificRationale.required": {
    ja: "この見積を選ぶ個別の理由を入力してください。",
    en: "Enter the specific reason for choosing this quote.",
  },
  "awardProposal.trigger.notRankedFirst": { ja: "比較結果で1位ではありません。", en: "It is not ranked first in the comparison." },
  "awardProposal.trigger.notRecommended": {
    ja: "担当アドバイザーが推薦した見積と異なります。",
    en: "It is not the quote an assigned advisor recommended.",
  },
  "awardProposal.trigger.flagged": {
    ja: "警告があります（足切り・未検証の値・欠けた値・契約期間中に期限が切れる認証など）。",
    en: "It carries warnings (a gate, an unverified or missing value, a certificate expiring during the term…).",
  },
  "awardProposal.quote.notOffered": { ja: "この見積依頼の開封済みの見積から選んでください。", en: "Choose one of this RFQ's opened quotes." },
  "awardProposal.quote.notProposable": {
    ja: "この見積は取下げ済みか、すでに結果が出ているため起案できません。",
    en: "This quote was withdrawn or already decided and cannot be proposed.",
  },
  "awardProposal.quote.disqualified": {
    ja: "この見積は足切り条件を満たしていないため起案できません。",
    en: "This quote fails a gate of the RFQ and cannot be proposed.",
  },
  "awardProposal.rfq.notOpened": {
    ja: "見積の締切後（封緘入札は開封後）でなければ起案できません。",
    en: "An award can be proposed only after the quote deadline (for sealed bids, once they are opened).",
  },
  "awardProposal.rfq.notProposable": {
    ja: "この見積依頼は中止・落札済み・下書きのため起案できません。",
    en: "This RFQ is cancelled, awarded or still a draft; no award can be proposed.",
  },
  "awardProposal.route.none": {
    ja: "稟議ルートが設定されていません。設定 > 稟議ルート（/settings/approvals）で金額帯と承認者を設定してください。",
    en: "No approval route is set. Set amount bands and approvers in Settings > Approval routes (/settings/approvals).",
  },
  "awardProposal.route.unreachable": {
    ja: "この金額の稟議ルートには、起案者本人を除くと承認者が足りない段階があります。稟議ルートを見直すか、別のメンバーが起案してください。",
    en: "This amount's approval route has a step that cannot be completed without you, the proposer. Revise the route or let another member propose.",
  },
  "awardProposal.pending": {
    ja: "この見積依頼には承認待ちの起案があります。結果が出るまで新しい起案はできません。",
    en: "A proposal for this RFQ is already waiting for approval; no new one can be made until it is decided.",
  },
  "awardProposal.debriefReason": {
    ja: "選定されなかった事業者に伝える理由",
    en: "The reason not-selected vendors will read",
  },
  "awardProposal.debriefReason.hint": {
    ja: "選定結果の説明（デブリーフ）で、採用されなかった事業者がそのまま読みます。他社の価格やKPIの値は書かないでください。",
    en: "Vendors not selected read this verbatim in their debrief. Do not mention other vendors' prices or KPI values.",
  },
  "awardProposal.debriefReason.required": {
    ja: "選定されなかった事業者に伝える理由を入力してください。",
    en: "Enter the reason not-selected vendors will read.",
  },
  "awardProposal.debriefReason.tooLong": { ja: "2,000文字以内で入力してください。", en: "Use 2,000 characters or fewer." },
  "notifications.award.proposed": { ja: "「{title}」の決裁起案が承認待ちです", en: "An award proposal on “{title}” is waiting for your approval" },
} as const;
