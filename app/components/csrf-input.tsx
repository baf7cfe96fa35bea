import { useRootData } from "~/utils/use-i18n";

/** The hidden CSRF field every form carries (checked by assertCsrf in the action). */
export function CsrfInput() {
  const data = useRootData();
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
