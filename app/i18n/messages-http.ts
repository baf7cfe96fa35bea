// The HTTP edge: size limits, bad requests, redirects.
export const httpMessages = {
  "http.400.title": { ja: "リクエストを処理できません", en: "The request could not be processed" },
  "http.400.body": {
    ja: "送信された内容を読み取れませんでした。ページを再読み込みしてもう一度お試しください。",
    en: "What was sent could not be read. Reload the page and try again.",
  },
  "http.405.title": { ja: "このメソッドは使えません", en: "Method not allowed" },
  "http.405.body": {
    ja: "この URL はこのメソッドに対応していません。API の説明（/api/v1/openapi.json）を確認してください。",
    en: "This URL does not accept this method. See the API description at /api/v1/openapi.json.",
  },
  "http.405.allowed": { ja: "このURLで使えるメソッド: {list}", en: "This URL accepts: {list}" },
  "http.401.title": { ja: "認証が必要です", en: "Unauthorized" },
  "http.401.detail": { ja: "有効なAPIトークンを Authorization: Bearer で送ってください。", en: "Send a valid API token as Authorization: Bearer <token>." },
  "http.unknownField": { ja: "この項目名は使えません。", en: "Unknown field." },
  "http.413.title": { ja: "送信データが大きすぎます", en: "Request too large" },
  "http.413.body": {
    ja: "送信できるのは 1 MB まで（証明書のファイルは 10 MB まで）です。内容を減らしてもう一度送信してください。",
    en: "Requests are limited to 1 MB (certificate files to 10 MB). Send less and try again.",
  },
  "http.415.title": { ja: "この形式の送信には対応していません", en: "Unsupported request format" },
  "http.415.body": {
    ja: "フォームは画面から送信してください（application/x-www-form-urlencoded または multipart/form-data）。",
    en: "Submit the form from the page (application/x-www-form-urlencoded or multipart/form-data).",
  },
  "http.json.invalid": { ja: "リクエスト本文は JSON オブジェクトで送ってください。", en: "Send the request body as a JSON object." },
  "http.text.unstorable": {
    ja: "保存できない文字（NUL 文字または対になっていないサロゲート）が含まれています。",
    en: "Contains characters that cannot be stored (NUL or an unpaired surrogate).",
  },
  "http.500.detail": {
    ja: "サーバーで問題が発生しました。時間をおいて再度お試しください。",
    en: "The server ran into a problem. Please try again in a moment.",
  },
  "notifications.markAllRead": { ja: "すべて既読にする", en: "Mark all as read" },
  "notifications.markedRead": { ja: "お知らせを既読にしました。", en: "Notifications marked as read." },
} satisfies Record<string, { ja: string; en: string }>;
