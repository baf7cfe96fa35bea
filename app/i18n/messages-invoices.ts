// Issue 16: qualified invoices (適格請求書), corrections and credit notes, payments (bank transfer and card), the
// 電子帳簿保存法 search and retention. Domain modules put these keys in zod issues and results; pages translate them.
export const invoiceMessages = {
  // Issuing an invoice (field-level)
  "invoices.milestone.invalid": { ja: "請求の対象となるマイルストーンを選んでください。", en: "Choose the milestone this invoice is for." },
  "invoices.date.invalid": { ja: "請求日を YYYY-MM-DD の形式で入力してください。", en: "Enter the invoice date as YYYY-MM-DD." },
  "invoices.lines.required": { ja: "明細を1行以上入力してください。", en: "Add at least one line." },
  "invoices.lines.tooMany": { ja: "明細は{max}行以内にしてください。", en: "Use at most {max} lines." },
  "invoices.line.description.required": { ja: "品目・内容を入力してください。", en: "Enter what the line is for." },
  "invoices.line.description.tooLong": { ja: "品目・内容は{max}文字以内で入力してください。", en: "Keep the description to {max} characters or fewer." },
  "invoices.line.quantity.invalid": {
    ja: "数量は0より大きい数（小数は2桁まで）で入力してください。",
    en: "Enter a quantity greater than 0 (at most 2 decimal places).",
  },
  "invoices.line.unitPrice.invalid": { ja: "単価は0円以上の整数（円）で入力してください。", en: "Enter the unit price as whole yen, 0 or more." },
  "invoices.line.taxRate.invalid": {
    ja: "税率は10%、8%（軽減税率）、0%のいずれかを選んでください。",
    en: "Choose a tax rate: 10 %, 8 % (reduced) or 0 %.",
  },
  "invoices.total.tooLarge": { ja: "請求金額が大きすぎます。請求書を分けてください。", en: "The invoice total is too large. Split it into several invoices." },
  "invoices.reason.required": { ja: "修正・返還の理由を入力してください。", en: "Enter the reason for the correction or credit." },
  "invoices.reason.tooLong": { ja: "理由は{max}文字以内で入力してください。", en: "Keep the reason to {max} characters or fewer." },
  // Words on the invoice
  "invoices.rounding.floor": { ja: "切り捨て", en: "Round down" },
  "invoices.rounding.ceil": { ja: "切り上げ", en: "Round up" },
  "invoices.rounding.round": { ja: "四捨五入", en: "Round half up" },
  "invoices.reducedRate.mark": { ja: "※", en: "*" },
  "invoices.reducedRate.note": { ja: "※は軽減税率（8%）対象品目です。", en: "* Reduced tax rate (8 %) item." },
  "invoices.kind.invoice": { ja: "適格請求書", en: "Qualified invoice" },
  "invoices.kind.correction": { ja: "修正適格請求書（修正インボイス）", en: "Corrected qualified invoice" },
  "invoices.kind.creditNote": { ja: "適格返還請求書（返還インボイス）", en: "Qualified credit note" },
  "invoices.correction.cancels": { ja: "本書は請求書 {number} を取り消し、訂正するものです。", en: "This invoice cancels and corrects invoice {number}." },
  "invoices.creditNote.references": { ja: "請求書 {number}（{date}）に係る返還です。", en: "Credit against invoice {number} ({date})." },
  // The six items a qualified invoice must carry (which one is missing or wrong)
  "invoices.qualified.missing.issuer": {
    ja: "発行者の氏名・名称と、正しい登録番号（T＋13桁）が必要です。",
    en: "The issuer's name and a valid registration number (T + 13 digits) are required.",
  },
  "invoices.qualified.missing.transactionDate": { ja: "取引年月日が必要です。", en: "The transaction date is required." },
  "invoices.qualified.missing.description": {
    ja: "取引内容（軽減税率の対象品目である旨を含む）が必要です。",
    en: "The description of the transaction, with reduced-rate items marked, is required.",
  },
  "invoices.qualified.missing.totalsByRate": {
    ja: "税率ごとに区分した対価の合計額と適用税率が必要です。",
    en: "The total per tax rate, with the rate, is required.",
  },
  "invoices.qualified.missing.taxByRate": {
    ja: "税率ごとに区分した消費税額等（税率ごとに1回の端数処理）が必要です。",
    en: "The consumption tax per rate (rounded once per rate) is required.",
  },
  "invoices.qualified.missing.recipient": { ja: "書類の交付を受ける事業者の氏名・名称が必要です。", en: "The recipient's name is required." },
  // Corrections and credit notes
  "invoices.original.cancelled": {
    ja: "この請求書は既に修正インボイスで取り消されています。",
    en: "This invoice has already been cancelled by a corrected invoice.",
  },
  "invoices.creditNote.notForCreditNote": {
    ja: "返還インボイスに対して返還インボイスは発行できません。元の請求書を選んでください。",
    en: "A credit note cannot be issued against a credit note. Choose the original invoice.",
  },
  "invoices.creditNote.rateNotInOriginal": {
    ja: "元の請求書にない税率の返還はできません。",
    en: "The original invoice has no amount at this tax rate to credit.",
  },
  "invoices.creditNote.exceedsOriginal": {
    ja: "返還額が元の請求書の同じ税率の金額を超えています。",
    en: "The credit exceeds the original invoice's amount at this tax rate.",
  },
  // 取引書類 search (電子帳簿保存法)
  "invoices.search.date.invalid": { ja: "日付を YYYY-MM-DD の形式で入力してください。", en: "Enter the date as YYYY-MM-DD." },
  "invoices.search.dateRange.reversed": { ja: "終了日は開始日以降の日付にしてください。", en: "The end date must be on or after the start date." },
  "invoices.search.amount.invalid": { ja: "金額は0円以上の整数（円）で入力してください。", en: "Enter the amount as whole yen, 0 or more." },
  "invoices.search.amountRange.reversed": {
    ja: "上限金額は下限金額以上にしてください。",
    en: "The maximum amount must be at least the minimum amount.",
  },
  "invoices.search.counterparty.tooLong": { ja: "取引先は{max}文字以内で入力してください。", en: "Keep the counterparty to {max} characters or fewer." },
  "invoices.search.kind.invalid": { ja: "書類の種類を選び直してください。", en: "Choose the document kind again." },
  "invoices.retention.until": {
    ja: "保存期間：{date}まで（電子帳簿保存法・法人税法による7年間）",
    en: "Kept until {date} (7 years, Electronic Books Act and Corporation Tax Act)",
  },
  // Payment states
  "payments.status.issued": { ja: "未入金", en: "Unpaid" },
  "payments.status.processing": { ja: "決済処理中", en: "Processing" },
  "payments.status.partially_paid": { ja: "一部入金", en: "Partly paid" },
  "payments.status.paid": { ja: "入金済み", en: "Paid" },
  "payments.status.partially_refunded": { ja: "一部返金済み", en: "Partly refunded" },
  "payments.status.refunded": { ja: "返金済み", en: "Refunded" },
  "payments.status.cancelled": { ja: "取消（修正インボイス発行済み）", en: "Cancelled (corrected invoice issued)" },
  "payments.status.overdue": { ja: "支払期日超過", en: "Overdue" },
  "payments.balance": { ja: "残額：{amount}", en: "Balance: {amount}" },
  "payments.credit": { ja: "過入金 {amount} は次回の請求に充当されます。", en: "The overpayment of {amount} is credited against the next invoice." },
  "payments.processing.notice": {
    ja: "カード決済を処理中です。決済の確認が届くまで、この請求書は入金済みになりません。",
    en: "The card payment is being processed. The invoice is marked paid only when the payment is confirmed.",
  },
  // Card payment (Stripe) refusals
  "payments.card.amountInvalid": { ja: "カード決済の金額が正しくありません。", en: "The card payment amount is not valid." },
  "payments.card.belowMinimum": {
    ja: "カード決済は50円以上からご利用いただけます。銀行振込をご利用ください。",
    en: "Card payment needs at least ¥50. Please pay by bank transfer.",
  },
  "payments.card.aboveMaximum": {
    ja: "99,999,999円を超える請求は銀行振込のみでお支払いいただけます。",
    en: "Invoices above ¥99,999,999 can be paid by bank transfer only.",
  },
  "payments.card.nothingDue": { ja: "この請求書に未払いの金額はありません。", en: "Nothing is due on this invoice." },
  "payments.card.productName": { ja: "請求書 {number} のお支払い", en: "Payment of invoice {number}" },
  // Bank receipts (field-level)
  "payments.receipt.amount.invalid": { ja: "入金額は1円以上の整数（円）で入力してください。", en: "Enter the amount received as whole yen, at least 1." },
  "payments.receipt.date.invalid": { ja: "入金日を YYYY-MM-DD の形式で入力してください。", en: "Enter the date received as YYYY-MM-DD." },
  // The invoice document (PDF) and pages
  "invoices.pdf.number": { ja: "請求書番号", en: "Invoice no." },
  "invoices.pdf.date": { ja: "請求日", en: "Invoice date" },
  "invoices.pdf.registration": { ja: "登録番号 {number}", en: "Registration no. {number}" },
  "invoices.pdf.registrationSource": { ja: "登録番号の確認（請求日時点）：{source}", en: "Registration check (as of the invoice date): {source}" },
  "invoices.pdf.reason": { ja: "理由：{reason}", en: "Reason: {reason}" },
  "invoices.pdf.total": { ja: "ご請求金額（税込）", en: "Amount due (incl. tax)" },
  "invoices.pdf.creditTotal": { ja: "返還金額（税込）", en: "Credit (incl. tax)" },
  "invoices.pdf.dueDate": { ja: "お支払期日", en: "Payment due" },
  "invoices.pdf.creditApplied": { ja: "過入金充当額", en: "Earlier overpayment applied" },
  "invoices.pdf.subtotalAt": { ja: "{rate}%対象 合計（税抜）", en: "Total at {rate}% (excl. tax)" },
  "invoices.pdf.taxAt": { ja: "消費税（{rate}%）", en: "Consumption tax ({rate}%)" },
  "invoices.pdf.rounding": { ja: "消費税の端数処理：税率ごとに{method}", en: "Tax rounding: {method}, once per rate" },
  "invoices.pdf.bankAccount": { ja: "お振込先", en: "Bank transfer to" },
  "invoices.bank.bank": { ja: "金融機関・支店", en: "Bank and branch" },
  "invoices.bank.typeNumber": { ja: "口座種別・番号", en: "Account type and number" },
  "invoices.bank.holderKana": { ja: "口座名義（カナ）", en: "Account holder (kana)" },
  "invoices.bank.type.ordinary": { ja: "普通", en: "Ordinary" },
  "invoices.bank.type.current": { ja: "当座", en: "Current" },
  // Vendor settings: bank account and rounding (field-level)
  "invoices.bank.bank.required": { ja: "金融機関名を入力してください。", en: "Enter the bank's name." },
  "invoices.bank.branch.required": { ja: "支店名を入力してください。", en: "Enter the branch." },
  "invoices.bank.tooLong": { ja: "60文字以内で入力してください。", en: "Keep it to 60 characters or fewer." },
  "invoices.bank.type.invalid": { ja: "口座種別は普通または当座を選んでください。", en: "Choose the account type: ordinary (普通) or current (当座)." },
  "invoices.bank.number.invalid": { ja: "口座番号は7桁の数字で入力してください。", en: "Enter the account number as 7 digits." },
  "invoices.bank.holderKana.invalid": {
    ja: "口座名義は全角カタカナで入力してください（100文字以内）。",
    en: "Enter the account holder in full-width katakana (100 characters or fewer).",
  },
  "invoices.rounding.invalid": { ja: "端数処理は切り捨て・切り上げ・四捨五入から選んでください。", en: "Choose round down, round up or round half up." },
  // Acceptance (検収) and issuing
  "invoices.acceptance.date.invalid": {
    ja: "検収日を YYYY-MM-DD の形式で、今日以前の日付で入力してください。",
    en: "Enter the acceptance date as YYYY-MM-DD, today or earlier.",
  },
  "invoices.acceptance.already": { ja: "このマイルストーンは検収済みです。", en: "This milestone has already been accepted." },
  "invoices.contract.notActive": { ja: "締結済みの契約でのみ検収・請求できます。", en: "Only an active (signed) contract can be accepted and invoiced." },
  "invoices.milestone.notFound": { ja: "そのマイルストーンはこの契約にありません。", en: "The contract has no such milestone." },
  "invoices.milestone.notAccepted": { ja: "検収済みのマイルストーンにのみ請求書を発行できます。", en: "Only an accepted milestone can be invoiced." },
  "invoices.milestone.alreadyInvoiced": {
    ja: "このマイルストーンの請求書は発行済みです。訂正は修正インボイスで行ってください。",
    en: "This milestone has been invoiced. Issue a corrected invoice to change it.",
  },
  "invoices.issuer.registration.missing": {
    ja: "請求書を発行するには、組織設定に正しい適格請求書発行事業者登録番号（T＋13桁）を登録してください。",
    en: "Add a valid invoice registration number (T + 13 digits) to your organisation before issuing invoices.",
  },
  "invoices.bank.missing": { ja: "請求書を発行する前に振込先口座を登録してください。", en: "Add your bank account before issuing invoices." },
  "invoices.kind.notCorrectable": { ja: "この書類は修正・返還の対象にできません。", en: "This document cannot be corrected or credited." },
  "payments.receipt.date.future": { ja: "入金日に未来の日付は指定できません。", en: "The date received cannot be in the future." },
  "payments.receipt.notPayable": {
    ja: "この請求書には入金を記録できません（取消済みまたは返還インボイス）。",
    en: "No payment can be recorded on this document (cancelled, or a credit note).",
  },
} as const;

export type InvoiceMessageKey = keyof typeof invoiceMessages;
