import { Form, Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// Withdrawing a quote asks first (issue 14, item 2). Without JavaScript the button is a link to the
// confirmation page (/quotes/:id/withdraw); with JavaScript the same question opens in a dialog on the
// quote page. Either way the withdrawal itself is the confirmation page's POST.

interface Withdrawal {
  quoteId: string;
  rfqTitle: string;
  version: number;
  deadline: string | Date | null;
}

/** What withdrawing does, said the same way on the confirmation page and in the dialog. */
export function WithdrawalExplanation({ rfqTitle, version, deadline }: Omit<Withdrawal, "quoteId">) {
  const { t, locale } = useI18n();
  return (
    <>
      <p>
        <strong>{t("quoteForm.withdraw.question", { rfq: rfqTitle, n: version })}</strong>
      </p>
      <p>{t("quoteForm.withdraw.effect")}</p>
      <p>{t("quoteForm.withdraw.again", { date: deadline ? formatDateTime(deadline, locale) : "—" })}</p>
    </>
  );
}

/** The form that withdraws (posted to the confirmation page's action). */
export function WithdrawForm({ quoteId, children }: { quoteId: string; children?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Form method="post" action={`/quotes/${quoteId}/withdraw`} className="actions">
      <CsrfInput />
      <button type="submit" className="button danger">
        {t("quoteForm.withdraw.confirm")}
      </button>
      {children}
    </Form>
  );
}

export function WithdrawQuote(w: Withdrawal) {
  const { t } = useI18n();
  const [hydrated, setHydrated] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => setHydrated(true), []);
  if (!hydrated) {
    return (
      <Link to={`/quotes/${w.quoteId}/withdraw`} className="button danger" data-testid="withdraw-quote">
        {t("quotes.form.withdraw")}
      </Link>
    );
  }
  return (
    <>
      <button type="button" className="button danger" data-testid="withdraw-quote" onClick={() => dialog.current?.showModal()}>
        {t("quotes.form.withdraw")}
      </button>
      <dialog ref={dialog} className="card confirm-dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{t("quoteForm.withdraw.title")}</h2>
        <WithdrawalExplanation rfqTitle={w.rfqTitle} version={w.version} deadline={w.deadline} />
        <WithdrawForm quoteId={w.quoteId}>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t("quoteForm.withdraw.cancel")}
          </button>
        </WithdrawForm>
      </dialog>
    </>
  );
}
