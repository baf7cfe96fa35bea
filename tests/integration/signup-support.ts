import { expect } from "vitest";
import { Cookies, postForm, type Harness } from "./harness";

// Signing up is two steps since issue 12: the form, then the link mailed to the address.

/** The newest mail to `email` in the local mailer, and the path of the first app link in it. */
export function lastMailTo(h: Harness, email: string) {
  const mail = h.mailer
    .sent()
    .filter((m) => m.to === email.toLowerCase())
    .at(-1);
  const link = mail ? /https?:\/\/[^\s/]+(\/\S+)/.exec(mail.text)?.[1] : undefined;
  return { mail, link };
}

/** Signs up through the form, follows the confirmation link and confirms: the 302 of the last step. */
export async function signUpAndConfirm(h: Harness, fields: Record<string, string>, cookies = new Cookies()) {
  const sent = await postForm(h, "/signup?_data=routes%2F_auth%2B%2Fsignup", fields, cookies);
  expect(sent.status).toBe(200);
  const { link } = lastMailTo(h, fields.email);
  expect(link).toMatch(/^\/signup\/confirm\/[\w-]+$/);
  expect((await h.request(link!, { cookies })).status).toBe(200);
  return postForm(h, link!, {}, cookies);
}
