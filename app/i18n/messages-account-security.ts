// Passwords (change, reset, common-password check) and sessions (list, sign out everywhere).
export const accountSecurityMessages = {
  "password.common": {
    ja: "よく使われているパスワード、またはそれに近いパスワードです。推測されにくい別のパスワードにしてください。",
    en: "This password is common or close to a common one. Choose one that is harder to guess.",
  },
  "password.mismatch": { ja: "確認用のパスワードが一致しません。", en: "The two passwords do not match." },
  "password.sameAsCurrent": { ja: "現在のパスワードとは別のパスワードにしてください。", en: "Choose a password different from the current one." },
  "password.currentWrong": { ja: "現在のパスワードが正しくありません。", en: "The current password is not correct." },
  "password.tooManyAttempts": {
    ja: "現在のパスワードの入力に何度も失敗しました。15分ほど待ってから再度お試しください。",
    en: "Too many wrong current passwords. Please wait about 15 minutes and try again.",
  },

  "security.title": { ja: "アカウントのセキュリティ", en: "Account security" },
  "security.passwordTitle": { ja: "パスワードの変更", en: "Change password" },
  "security.passwordIntro": {
    ja: "変更すると、この端末以外のすべてのログインが終了し、登録メールアドレスにお知らせが届きます。",
    en: "Changing it signs you out everywhere except here, and a notice is sent to your e-mail address.",
  },
  "security.currentPassword": { ja: "現在のパスワード", en: "Current password" },
  "security.newPassword": { ja: "新しいパスワード（12文字以上）", en: "New password (12 characters or more)" },
  "security.confirmPassword": { ja: "新しいパスワード（確認）", en: "New password (again)" },
  "security.changeSubmit": { ja: "パスワードを変更", en: "Change password" },
  "security.changed": {
    ja: "パスワードを変更しました。ほかの端末のログインは終了しました。",
    en: "Your password is changed. You are signed out on other devices.",
  },

  "sessions.title": { ja: "ログイン中の端末", en: "Where you are signed in" },
  "sessions.intro": {
    ja: "{hours}時間操作がないと自動的にログアウトします。心当たりのないログインはログアウトさせ、パスワードを変更してください。",
    en: "Sessions end after {hours} hours without activity. Sign out any you do not recognise and change your password.",
  },
  "sessions.device": { ja: "端末", en: "Device" },
  "sessions.created": { ja: "ログイン日時", en: "Signed in" },
  "sessions.lastSeen": { ja: "最終利用", en: "Last active" },
  "sessions.ip": { ja: "IPアドレス", en: "IP address" },
  "sessions.current": { ja: "この端末", en: "This device" },
  "sessions.unknownDevice": { ja: "不明な端末", en: "Unknown device" },
  "sessions.signOut": { ja: "ログアウトさせる", en: "Sign out" },
  "sessions.signOutOthers": { ja: "ほかのすべての端末からログアウト", en: "Sign out everywhere else" },
  "sessions.signedOut": { ja: "その端末をログアウトさせました", en: "That session is signed out" },
  "sessions.signedOutOthers": { ja: "ほかの端末 {count} 件をログアウトさせました", en: "Signed out {count} other session(s)" },

  "forgot.link": { ja: "パスワードをお忘れの方", en: "Forgot your password?" },
  "forgot.title": { ja: "パスワードの再設定", en: "Reset your password" },
  "forgot.intro": {
    ja: "登録済みのメールアドレスを入力してください。再設定用のリンク（30分間有効）をお送りします。",
    en: "Enter the e-mail address you signed up with. We will send a link to reset your password (valid for 30 minutes).",
  },
  "forgot.email": { ja: "メールアドレス", en: "E-mail" },
  "forgot.submit": { ja: "再設定用のリンクを送る", en: "Send the reset link" },
  "forgot.sent": {
    ja: "このメールアドレスが登録されていれば、再設定用のリンクを送信しました。メールをご確認ください。",
    en: "If this address is registered, a reset link is on its way. Please check your e-mail.",
  },
  "forgot.rateLimited": {
    ja: "再設定の申し込みが多すぎます。しばらく待ってから再度お試しください。",
    en: "Too many reset requests. Please wait a while and try again.",
  },

  "reset.title": { ja: "新しいパスワードの設定", en: "Choose a new password" },
  "reset.intro": {
    ja: "{email} の新しいパスワードを入力してください。設定するとすべての端末でログアウトします。",
    en: "Enter a new password for {email}. Setting it signs you out everywhere.",
  },
  "reset.invalid": {
    ja: "このリンクは無効か、期限が切れているか、すでに使われています。",
    en: "This link is not valid, has expired or has already been used.",
  },
  "reset.requestNew": { ja: "再設定用のリンクをもう一度申し込む", en: "Request a new reset link" },
  "reset.submit": { ja: "パスワードを設定", en: "Set password" },
  "reset.done": { ja: "パスワードを再設定しました。新しいパスワードでログインしてください。", en: "Your password is reset. Log in with the new password." },

  "mail.passwordReset.subject": { ja: "【Kurabe】パスワードの再設定", en: "[Kurabe] Reset your password" },
  "mail.passwordReset.body": {
    ja: "{name} 様\n\nKurabe のパスワード再設定の申し込みを受け付けました。次のリンクから新しいパスワードを設定してください（{minutes}分間、1回だけ有効です）。\n\n{link}\n\nお申し込みに心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
    en: "Dear {name},\n\nWe received a request to reset your Kurabe password. Choose a new one at this link (valid once, for {minutes} minutes):\n\n{link}\n\nIf you did not ask for this, ignore this e-mail; your password stays as it is.",
  },
  "mail.passwordChanged.subject": { ja: "【Kurabe】パスワードが変更されました", en: "[Kurabe] Your password was changed" },
  "mail.passwordChanged.body": {
    ja: "{name} 様\n\nKurabe アカウントのパスワードが {time} に変更されました（IPアドレス: {ip}）。ほかの端末のログインは終了しています。\n\n心当たりがない場合は、ただちに次のリンクからパスワードを再設定してください。\n\n{link}",
    en: "Dear {name},\n\nThe password of your Kurabe account was changed at {time} (IP address: {ip}). Other sessions have been signed out.\n\nIf this was not you, reset your password at once:\n\n{link}",
  },
} satisfies Record<string, { ja: string; en: string }>;
