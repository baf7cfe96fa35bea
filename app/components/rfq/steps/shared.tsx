import { getInputProps, getTextareaProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import { Field } from "~/components/field";
import type { RfqFormValues } from "~/domain/rfq/form-steps";
import type { Locale } from "~/i18n";
import { options, type LabelTable } from "../labels";

// Small building blocks for the RFQ step forms, so each step reads as a list of fields.

type AnyField = FieldMetadata<unknown>;

/** The guided RFQ form and its fields, typed from the form's values so each step reads its fields as they are. */
export type RfqForm = FormMetadata<RfqFormValues>;
export type RfqFields = ReturnType<RfqForm["getFieldset"]>;

export function TextField({
  field,
  label,
  type = "text",
  hint,
  suffix,
  errors,
}: {
  field: AnyField;
  label: string;
  type?: "text" | "number" | "date" | "datetime-local";
  hint?: string;
  /** A unit shown after the input, e.g. "%" for a rate. */
  suffix?: string;
  /** Instead of the field's own errors (when the domain reports this input's value under another path). */
  errors?: string[];
}) {
  return (
    <Field id={field.id} label={label} errors={errors ?? field.errors} hint={hint}>
      {(aria) => {
        const input = <input {...getInputProps(field as FieldMetadata<string>, { type })} {...aria} step={type === "number" ? "any" : undefined} />;
        return suffix ? (
          <span className="input-suffix">
            {input}
            <span aria-hidden="true">{suffix}</span>
          </span>
        ) : (
          input
        );
      }}
    </Field>
  );
}

export function TextArea({ field, label, rows = 4 }: { field: AnyField; label: string; rows?: number }) {
  return (
    <Field id={field.id} label={label} errors={field.errors}>
      {(aria) => <textarea {...getTextareaProps(field as FieldMetadata<string>)} rows={rows} {...aria} />}
    </Field>
  );
}

export function SelectField({ field, label, table, locale, empty }: { field: AnyField; label: string; table: LabelTable; locale: Locale; empty?: string }) {
  return (
    <Field id={field.id} label={label} errors={field.errors}>
      {(aria) => (
        <select name={field.name} defaultValue={(field.initialValue as string) ?? ""} {...aria}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options(table, locale).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Errors of a whole list (e.g. "at least one line item"), which have no single input to sit under. */
export function ListErrors({ field }: { field: AnyField }) {
  if (!field.errors?.length) return null;
  return (
    <p className="field-errors" role="alert" id={`${field.id}-error`}>
      {field.errors.join(" ")}
    </p>
  );
}
