// Two-factor sign-in (issue 20 item 3; decision 0052): the settings page, the code step of the log-in, the
// organisation's requirement on the members page, and the mails when it is turned on or off.
export const twoFactorMessages = {
  "twoFactor.title": { ja: "2段階認証", en: "Two-factor sign-in" },
  "twoFactor.intro": {
    ja: "ログイン時に、パスワードに加えて認証アプリ（Google Authenticator、Microsoft Authenticator、1Password など）に表示される6桁のコードを入力します。パスワードが漏れても、アカウントを守れます。",
    en: "When you log in, you type the six-digit code of an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password …) after your password, so a leaked password alone does not open your account.",
  },
  "twoFactor.securityLink": { ja: "2段階認証の設定", en: "Two-factor sign-in settings" },
  "twoFactor.status.on": { ja: "有効（{date}から）", en: "On (since {date})" },
  "twoFactor.status.off": { ja: "無効", en: "Off" },
  "twoFactor.requiredNotice": {
    ja: "所属する組織では2段階認証が必須です。設定が終わるまで、ほかの画面は使えません。",
    en: "Your organisation requires two-factor sign-in. Set it up to continue; other pages are not available until then.",
  },
  "twoFactor.start": { ja: "設定を始める", en: "Set it up" },
  "twoFactor.setup.title": { ja: "認証アプリに登録する", en: "Add Kurabe to your authenticator app" },
  "twoFactor.setup.scan": {
    ja: "認証アプリで次のQRコードを読み取るか、キーを入力してください。このキーは今回だけ表示されます。",
    en: "Scan this QR code with your authenticator app, or type the key into it. The key is shown only this once.",
  },
  "twoFactor.setup.qrAlt": { ja: "認証アプリ登録用のQRコード", en: "QR code to add Kurabe to an authenticator app" },
  "twoFactor.setup.secret": { ja: "キー（手入力用）", en: "Key (to type in)" },
  "twoFactor.setup.uri": { ja: "登録用URI", en: "Setup URI" },
  "twoFactor.setup.confirm": { ja: "アプリに表示された6桁のコードを入力して有効にする", en: "Type the six-digit code the app shows to turn it on" },
  "twoFactor.setup.submit": { ja: "有効にする", en: "Turn on" },
  "twoFactor.code": { ja: "確認コード", en: "Code" },
  "twoFactor.code.hint": { ja: "認証アプリに表示されている6桁の数字", en: "The six digits your authenticator app shows" },
  "twoFactor.code.required": { ja: "確認コードを入力してください。", en: "Enter the code." },
  "twoFactor.code.format": { ja: "確認コードは6桁の数字で入力してください。", en: "The code is six digits." },
  "twoFactor.code.loginFormat": {
    ja: "6桁の確認コード、またはリカバリーコード（XXXX-XXXX-XXXX）を入力してください。",
    en: "Enter the six-digit code or a recovery code (XXXX-XXXX-XXXX).",
  },
  "twoFactor.code.wrong": {
    ja: "確認コードが正しくないか、すでに使われています。アプリの新しいコードを入力してください。",
    en: "The code is not correct or was already used. Enter the app's next code.",
  },
  "twoFactor.noPendingSetup": {
    ja: "設定の途中ではありません。「設定を始める」からやり直してください。",
    en: "No setup is in progress. Start again with “Set it up”.",
  },
  "twoFactor.alreadyEnabled": { ja: "2段階認証はすでに有効です。", en: "Two-factor sign-in is already on." },
  "twoFactor.notEnabled": { ja: "2段階認証は有効になっていません。", en: "Two-factor sign-in is not on." },
  "twoFactor.enabled": { ja: "2段階認証を有効にしました。", en: "Two-factor sign-in is on." },
  "twoFactor.recovery.title": { ja: "リカバリーコード", en: "Recovery codes" },
  "twoFactor.recovery.once": {
    ja: "スマートフォンをなくしたときに、確認コードの代わりに使えます。各コードは1回だけ使えます。このコードは今回だけ表示されるので、安全な場所に保管してください。",
    en: "Use one instead of a code if you lose your phone. Each works once. They are shown only now: keep them somewhere safe.",
  },
  "twoFactor.recovery.done": { ja: "保管しました", en: "I have saved them" },
  "twoFactor.recovery.left": { ja: "未使用のリカバリーコード: {n}個", en: "Unused recovery codes: {n}" },
  "twoFactor.recovery.regenerate": { ja: "リカバリーコードを再発行", en: "New recovery codes" },
  "twoFactor.recovery.regenerateIntro": {
    ja: "再発行すると、これまでのリカバリーコードは使えなくなります。",
    en: "New codes replace the old ones, which stop working.",
  },
  "twoFactor.disable.title": { ja: "2段階認証を無効にする", en: "Turn two-factor sign-in off" },
  "twoFactor.disable.intro": {
    ja: "現在の確認コード、またはパスワードを入力してください。無効にすると登録メールアドレスにお知らせが届きます。",
    en: "Enter a current code or your password. A notice is sent to your e-mail address.",
  },
  "twoFactor.disable.password": { ja: "パスワード（確認コードがない場合）", en: "Password (if you have no code)" },
  "twoFactor.disable.submit": { ja: "無効にする", en: "Turn off" },
  "twoFactor.disable.needOne": { ja: "確認コードかパスワードのどちらかを入力してください。", en: "Enter a code or your password." },
  "twoFactor.disabled": { ja: "2段階認証を無効にしました。", en: "Two-factor sign-in is off." },

  "twoFactor.login.title": { ja: "2段階認証", en: "Two-factor sign-in" },
  "twoFactor.login.intro": {
    ja: "認証アプリに表示されている6桁のコードを入力してください。スマートフォンが手元にない場合は、リカバリーコードを使えます。",
    en: "Enter the six-digit code your authenticator app shows. Without your phone, use a recovery code.",
  },
  "twoFactor.login.field": { ja: "確認コードまたはリカバリーコード", en: "Code or recovery code" },
  "twoFactor.login.submit": { ja: "ログイン", en: "Log in" },
  "twoFactor.challengeGone": {
    ja: "確認の有効期限が切れたか、誤りが多すぎました。もう一度パスワードからログインしてください。",
    en: "This step expired or had too many wrong codes. Log in again with your password.",
  },
  "twoFactor.login.again": { ja: "ログイン画面へ", en: "Back to log-in" },

  "twoFactor.org.title": { ja: "2段階認証の必須化", en: "Require two-factor sign-in" },
  "twoFactor.org.intro": {
    ja: "必須にすると、2段階認証を設定していないメンバーは、ログイン後に設定を済ませるまでほかの画面を使えません。APIトークンによるアクセスは対象外です。",
    en: "When required, members without two-factor sign-in must set it up after logging in before they can use anything else. API tokens are not affected.",
  },
  "twoFactor.org.on": { ja: "必須", en: "Required" },
  "twoFactor.org.off": { ja: "任意", en: "Optional" },
  "twoFactor.org.require": { ja: "全メンバーに必須にする", en: "Require for all members" },
  "twoFactor.org.unrequire": { ja: "必須をやめる", en: "Stop requiring" },
  "twoFactor.org.saved": { ja: "2段階認証の設定を保存しました。", en: "Two-factor setting saved." },
  "twoFactor.org.column": { ja: "2段階認証", en: "Two-factor" },
  "twoFactor.org.memberOn": { ja: "設定済み", en: "On" },
  "twoFactor.org.memberOff": { ja: "未設定", en: "Off" },

  "mail.twoFactor.enabled.subject": { ja: "【Kurabe】2段階認証が有効になりました", en: "[Kurabe] Two-factor sign-in is on" },
  "mail.twoFactor.enabled.body": {
    ja: "{name} 様\n\nKurabe アカウントの2段階認証が {time} に有効になりました（IPアドレス: {ip}）。\n\n心当たりがない場合は、ただちにパスワードを変更し、管理者にご連絡ください。",
    en: "Dear {name},\n\nTwo-factor sign-in was turned on for your Kurabe account at {time} (IP address: {ip}).\n\nIf this was not you, change your password at once and tell your administrator.",
  },
  "mail.twoFactor.disabled.subject": { ja: "【Kurabe】2段階認証が無効になりました", en: "[Kurabe] Two-factor sign-in is off" },
  "mail.twoFactor.disabled.body": {
    ja: "{name} 様\n\nKurabe アカウントの2段階認証が {time} に無効になりました（IPアドレス: {ip}）。\n\n心当たりがない場合は、ただちにパスワードを変更し、管理者にご連絡ください。",
    en: "Dear {name},\n\nTwo-factor sign-in was turned off for your Kurabe account at {time} (IP address: {ip}).\n\nIf this was not you, change your password at once and tell your administrator.",
  },
} satisfies Record<string, { ja: string; en: string }>;
