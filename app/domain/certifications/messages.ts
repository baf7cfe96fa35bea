/** Every user-facing message of the certifications domain, ja and en. */
export const certificationMessages = {
  "certifications.invoiceNumber.format": {
    ja: "登録番号は「T」に続く13桁の数字で入力してください（例：T1234567890123）。",
    en: "A registration number is “T” followed by 13 digits (e.g. T1234567890123).",
  },
  "certifications.invoiceNumber.checkDigit": {
    ja: "登録番号のチェックデジットが一致しません。番号に誤りがないかご確認ください。",
    en: "The registration number's check digit does not match; please check the number.",
  },
  "certifications.evidence.empty": { ja: "ファイルが空です。", en: "The file is empty." },
  "certifications.evidence.tooLarge": { ja: "ファイルサイズは10MB以下にしてください。", en: "The file must be 10 MB or smaller." },
  "certifications.evidence.typeNotAllowed": {
    ja: "証憑はPDF・PNG・JPEGのいずれかでアップロードしてください。",
    en: "Upload the evidence as a PDF, PNG or JPEG file.",
  },
  "certifications.evidence.contentMismatch": {
    ja: "ファイルの中身が形式と一致しません（拡張子や形式を確認してください）。",
    en: "The file's content does not match its type.",
  },
  "certifications.status.satisfied": { ja: "要件を満たしています", en: "Meets the requirement" },
  "certifications.status.missing": { ja: "未登録", en: "Not held" },
  "certifications.status.unverified": { ja: "確認待ち（未検証）", en: "Awaiting verification" },
  "certifications.status.rejected": { ja: "却下されました", en: "Rejected" },
  "certifications.status.expired": { ja: "有効期限切れ", en: "Expired" },
  "certifications.status.notYetValid": { ja: "有効期間前", en: "Not yet valid" },
  "certifications.expiresDuringTerm": {
    ja: "契約期間中に有効期限が切れます。更新予定をご確認ください。",
    en: "Expires during the contract term; check the renewal plan.",
  },
} as const satisfies Record<string, { ja: string; en: string }>;

export type CertificationMessageKey = keyof typeof certificationMessages;
