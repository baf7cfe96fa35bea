import { Field } from "~/components/field";
import { useI18n } from "~/utils/use-i18n";

/** "New password" and its confirmation, as the change and reset forms both ask for them. */
export function NewPasswordFields({ errors }: { errors?: Record<string, string[] | null> | null }) {
  const { t } = useI18n();
  return (
    <>
      <Field id="newPassword" label={t("security.newPassword")} errors={errors?.newPassword}>
        {(aria) => <input type="password" name="newPassword" autoComplete="new-password" minLength={12} maxLength={200} required {...aria} />}
      </Field>
      <Field id="confirmPassword" label={t("security.confirmPassword")} errors={errors?.confirmPassword}>
        {(aria) => <input type="password" name="confirmPassword" autoComplete="new-password" maxLength={200} required {...aria} />}
      </Field>
    </>
  );
}
