import { describe, expect, it } from "vitest";
import { composeMail, escapeHtml, finishMail, renderMail, textToHtml } from "./render";

const origin = "https://kurabe.example.jp";
const params = {
  name: "佐藤 一郎",
  buyer: "東京都テスト市",
  title: `<script>alert("x")</script> & 'co'`,
  reason: "予算超過",
  link: `${origin}/rfqs/1`,
};

describe("renderMail", () => {
  it("renders a notification in Japanese only for a Japanese reader, with the opt-out footer", () => {
    const m = renderMail("ja", "mail.rfqCancelled.subject", "mail.rfqCancelled.body", params, origin);
    expect(m.kind).toBe("rfqUpdates");
    expect(m.subject).toBe(`【Kurabe】見積依頼「<script>alert("x")</script> & 'co'」中止のお知らせ`);
    expect(m.text).toContain("佐藤 一郎 様");
    expect(m.text).not.toContain("Dear");
    expect(m.text).toContain(`受け取らない設定は次のページでできます：${origin}/settings/notifications`);
    expect(m.html).toContain('<html lang="ja">');
    expect(m.html).not.toContain("Dear");
  });

  it("renders the same notification in English only for an English reader", () => {
    const m = renderMail("en", "mail.rfqCancelled.subject", "mail.rfqCancelled.body", params, origin);
    expect(m.subject).toContain("[Kurabe] RFQ");
    expect(m.text).toContain("Dear 佐藤 一郎");
    expect(m.text).not.toContain("様");
    expect(m.text).toContain(`To stop this kind of e-mail, change your settings: ${origin}/settings/notifications`);
    expect(m.html).toContain('<html lang="en">');
  });

  it("escapes what users typed in the HTML version: a title with <script> stays text", () => {
    const m = renderMail("en", "mail.rfqCancelled.subject", "mail.rfqCancelled.body", params, origin);
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
    // The plain text is not HTML: it carries the title as typed.
    expect(m.text).toContain(`<script>alert("x")</script>`);
  });

  it("makes the app's own links clickable, and nobody else's", () => {
    const html = textToHtml(`See ${origin}/rfqs/1?a=1&b=2\n\nand http://evil.example/x`, origin, "en");
    expect(html).toContain(`<a href="${origin}/rfqs/1?a=1&amp;b=2">${origin}/rfqs/1?a=1&amp;b=2</a>`);
    expect(html).toContain("http://evil.example/x");
    expect(html).not.toContain('href="http://evil');
  });

  it("a link inside a typed title cannot break out of its attribute", () => {
    const html = textToHtml(`${origin}/x"onmouseover="alert(1)`, origin, "en");
    expect(html).toContain(`<a href="${origin}/x">${origin}/x</a>&quot;onmouseover=&quot;alert(1)`);
  });

  it("keeps paragraphs and line breaks", () => {
    const html = textToHtml("one\ntwo\n\nthree", origin, "ja");
    expect(html).toContain("<p>one<br>\ntwo</p>\n<p>three</p>");
  });

  it("security mails say they cannot be turned off and link to no settings page", () => {
    const m = renderMail("ja", "mail.passwordReset.subject", "mail.passwordReset.body", { name: "A", link: `${origin}/reset-password/t`, minutes: 30 }, origin);
    expect(m.kind).toBe("account");
    expect(m.text).toContain("このメールはアカウントの安全に関わるため、停止できません。");
    expect(m.text).not.toContain("/settings/notifications");
  });

  it("composeMail then finishMail is renderMail", () => {
    const composed = composeMail("en", "mail.clarification.subject", "mail.clarification.body", params);
    expect(finishMail(composed, origin)).toEqual(renderMail("en", "mail.clarification.subject", "mail.clarification.body", params, origin));
  });

  it("refuses a key that belongs to no kind", () => {
    expect(() => composeMail("ja", "rfq.title" as never, "rfq.title" as never, {})).toThrow(/no kind/);
  });

  it("escapeHtml covers the five characters", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });
});
