// Log-in defences: limiter, sign-up, invitation acceptance.
export const authMessages = {
  "signup.rateLimited": {
    ja: "この接続元からの登録が多すぎます。1時間ほど待ってから再度お試しください。",
    en: "Too many sign-ups from your network. Please wait about an hour and try again.",
  },
  "signup.sent.title": { ja: "確認メールを送信しました", en: "Check your e-mail" },
  "signup.sent.body": {
    ja: "{email} にメールを送りました。メール内のリンクを24時間以内に開いて登録を完了してください。届かない場合は迷惑メールフォルダもご確認ください。",
    en: "We sent a message to {email}. Open the link in it within 24 hours to finish signing up. If it does not arrive, check your spam folder.",
  },
  "signup.confirm.title": { ja: "登録の確認", en: "Confirm your sign-up" },
  "signup.confirm.body": { ja: "「{org}」を {email} で登録します。", en: "Create “{org}” for {email}." },
  "signup.confirm.submit": { ja: "登録を完了する", en: "Finish signing up" },
  "signup.confirm.invalid": {
    ja: "この確認リンクは無効か、期限切れか、既に使用されています。もう一度新規登録してください。",
    en: "This confirmation link is invalid, has expired or was already used. Please sign up again.",
  },
  "invite.logInFirst": {
    ja: "既に Kurabe のアカウントをお持ちの場合は、先にログインしてからこのリンクに戻ってください（下にそのパスワードを入力することもできます）。",
    en: "If you already have a Kurabe account, log in first and come back to this link (or enter its password below).",
  },
  "invite.logInLink": { ja: "ログインして参加する", en: "Log in to join" },
  "invite.signedInAs": { ja: "{email} としてログインしています。", en: "You are logged in as {email}." },
  "invite.joinAsCurrent": { ja: "このアカウントで参加する", en: "Join with this account" },
  "mail.signupConfirm.subject": {
    ja: "【Kurabe】メールアドレスの確認 / Confirm your e-mail address",
    en: "[Kurabe] Confirm your e-mail address",
  },
  "mail.signupConfirm.body": {
    ja: "Kurabe への新規登録（組織「{org}」）を受け付けました。\n以下のリンクを開いて登録を完了してください（有効期限: {expires}）。\n{link}\n\nお心当たりがない場合は、このメールを破棄してください。アカウントは作成されません。",
    en: "We received a sign-up for Kurabe (organisation “{org}”).\nOpen this link to finish it (expires {expires}):\n{link}\n\nIf this was not you, ignore this message: no account will be created.",
  },
  "mail.signupExisting.subject": {
    ja: "【Kurabe】お使いのアドレスで新規登録が試みられました / Someone tried to sign up with your address",
    en: "[Kurabe] Someone tried to sign up with your address",
  },
  "mail.signupExisting.body": {
    ja: "このメールアドレスで Kurabe への新規登録が試みられましたが、このアドレスのアカウントは既にあります。\nご本人の場合はログインしてください。パスワードをお忘れの場合は、ログイン画面から再設定できます。\n{link}\n\nお心当たりがない場合は、このメールを無視してください。アカウントは変更されていません。",
    en: "Someone tried to sign up for Kurabe with this e-mail address, which already has an account.\nIf it was you, log in; if you forgot your password, you can reset it from the log-in page.\n{link}\n\nIf it was not you, ignore this message: your account has not been changed.",
  },
} satisfies Record<string, { ja: string; en: string }>;
