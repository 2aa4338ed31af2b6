import { useId, type ReactNode } from "react";

/** Props to spread onto the input, select or textarea inside a Field. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

export interface FieldProps {
  label: string;
  /** Help shown under the label, e.g. "Whole hours, up to 16". */
  hint?: ReactNode;
  /** The message when the value is wrong; marks the control invalid. */
  error?: string;
  /** Adds "(optional)" to the label; fields are required unless said otherwise. */
  isOptional?: boolean;
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * A form field: label, hint and error wired to the control with
 * aria-describedby, so they are read out when the control takes focus.
 *
 * @example <Field label="Hours" hint="Whole hours">{(c) => <input type="number" {...c} />}</Field>
 */
export function Field({ label, hint, error, isOptional = false, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label className="field__label" htmlFor={id}>
        {label}
        {isOptional && <span className="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}
