import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "./csrf-input";

/**
 * A one-button form that posts an `intent` (and a few hidden fields, e.g. the row's id) with its CSRF token:
 * the shape of every "revoke", "delete", "sign out", "verify" button in a table row.
 */
export function IntentButton(props: { intent: string; fields?: Record<string, string>; className: string; children: ReactNode }) {
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value={props.intent} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={props.className}>
        {props.children}
      </button>
    </Form>
  );
}
