import { NavLink } from "@remix-run/react";
import { STEP_ORDER } from "~/domain/rfq/form-steps";
import { useI18n } from "~/utils/use-i18n";

/** The guided form's steps; every step is reachable at any time because each one saves on its own. */
export function StepNav({ rfqId }: { rfqId: string }) {
  const { t } = useI18n();
  return (
    <nav className="steps" aria-label={t("rfq.step.review")}>
      <ol>
        {STEP_ORDER.map((s, i) => (
          <li key={s}>
            <NavLink to={`/rfqs/${rfqId}/edit/${s}`}>
              <span className="step-no">{i + 1}</span> {t(`rfq.step.${s}`)}
            </NavLink>
          </li>
        ))}
        <li>
          <NavLink to={`/rfqs/${rfqId}/review`}>
            <span className="step-no">{STEP_ORDER.length + 1}</span> {t("rfq.step.review")}
          </NavLink>
        </li>
      </ol>
    </nav>
  );
}
