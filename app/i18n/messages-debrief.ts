// Issue 15: what a not-selected vendor reads (the debrief) and the words of cancelling an RFQ without an award (不調・中止).
export const debriefMessages = {
  "debrief.title": { ja: "選定結果のお知らせ（デブリーフィング）", en: "Result and debrief" },
  "debrief.yourRank": { ja: "貴社の順位：{rank}位", en: "Your rank: {rank}" },
  "debrief.yourScore": { ja: "貴社の総合点：{score}", en: "Your total score: {score}" },
  "debrief.disqualified": {
    ja: "貴社の見積は必須条件を満たさず、順位付けの対象外となりました。",
    en: "Your quote did not meet a mandatory requirement and was not ranked.",
  },
  "debrief.winner": { ja: "選定先：{name}（総合点 {score}）", en: "Selected: {name} (total score {score})" },
  "debrief.requirementNotMet": { ja: "「{label}」が発注者の定める条件を満たしていません。", en: "“{label}” does not meet the buyer's requirement." },
  "debrief.reason": { ja: "発注者からの選定理由", en: "The buyer's reason" },
  "cancel.reason.required": { ja: "中止の理由を入力してください。入札者全員に通知されます。", en: "Enter the reason for cancelling. Every bidder is told it." },
  "cancel.reason.tooLong": { ja: "中止の理由は2000文字以内で入力してください。", en: "Keep the reason to 2,000 characters or fewer." },
  "notifications.rfq.cancelledNoAward": {
    ja: "「{title}」は発注に至らず中止されました。理由：{reason}",
    en: "“{title}” was cancelled without an award. Reason: {reason}",
  },
  "mail.rfqCancelled.subject": { ja: "【Kurabe】見積依頼「{title}」中止のお知らせ", en: "[Kurabe] RFQ “{title}” cancelled" },
  "mail.rfqCancelled.body": {
    ja: "{name} 様\n\n{buyer} は見積依頼「{title}」を、発注先を選定せずに中止しました（不調・中止）。\n\n中止の理由：\n{reason}\n\nご提出いただいた見積はこの見積依頼では採用されません。ご協力ありがとうございました。\n\n{link}",
    en: "Dear {name}\n\n{buyer} has cancelled the RFQ “{title}” without awarding it.\n\nReason:\n{reason}\n\nNo quote will be selected for this RFQ. Thank you for taking part.\n\n{link}",
  },
} as const;
