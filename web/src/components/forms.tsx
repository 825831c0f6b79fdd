import { type InputHTMLAttributes, type ReactNode, useEffect, useId, useRef } from 'react';
import type { Problem } from '../api/client';

/**
 * Form errors the one way: the API's problem+json (or the page's own checks, in the same shape) goes into
 * `<ErrorSummary>`, which takes focus and links each message to its field; each `<Field>` shows its own message,
 * tied by `aria-describedby`, with USWDS's error styles.
 *
 * Field names are the API's paths without their source: `body.supervisor.email` → `supervisor.email`, so a page
 * names its inputs after the request body it sends.
 */
export const fieldName = (apiField: string) => apiField.replace(/^(body|query|path)\./, '');

export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) out[fieldName(e.field)] ??= e.message;
  return out;
}

export const inputId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * Where a message's link leads: the page's input for the API's field, else its nearest enclosing one
 * (`staffEmailDomains.1` → the domains input); none when the page has no such field (then the message is plain text).
 */
function fieldTarget(apiField: string): string | undefined {
  let name = fieldName(apiField);
  for (;;) {
    if (document.getElementById(inputId(name))) return inputId(name);
    const cut = name.lastIndexOf('.');
    if (cut < 0) return undefined;
    name = name.slice(0, cut);
  }
}

export function ErrorSummary({ problem }: { problem: Problem | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (problem) box.current?.focus();
  }, [problem]);
  if (!problem) return null;
  const errors = problem.errors ?? [];
  return (
    <div ref={box} tabIndex={-1} className="usa-alert usa-alert--error" role="alert" aria-labelledby={titleId}>
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading" id={titleId}>
          {errors.length > 0 ? 'There is a problem with what you entered' : problem.title}
        </h2>
        {problem.detail && !(errors.length > 0 && problem.detail === problem.title) ? (
          <p className="usa-alert__text">{problem.detail}</p>
        ) : null}
        {errors.length > 0 ? (
          <ul className="usa-list">
            {errors.map((e) => (
              <li key={`${e.field}-${e.code}`}>
                {fieldTarget(e.field) ? <a href={`#${fieldTarget(e.field)}`}>{e.message}</a> : e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

/** A labelled text input with its hint and error, in USWDS's form-group markup. */
export function Field({ name, label, hint, error, className, ...input }: FieldProps) {
  const id = inputId(name);
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        name={name}
        className={`usa-input${error ? ' usa-input--error' : ''}${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FormGroup>
  );
}

/** Where a field's hint and error are, for `aria-describedby`. */
const describedBy = (id: string, hint: ReactNode, error: string | undefined) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** USWDS's form group around one control: its label, hint and error, the ids the control points at. */
function FormGroup({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The same for a select. */
export function SelectField({
  name,
  label,
  error,
  options,
  value,
  onChange,
}: {
  name: string;
  label: string;
  error?: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}) {
  const id = inputId(name);
  return (
    <FormGroup id={id} label={label} error={error}>
      <select
        id={id}
        name={name}
        className={`usa-select${error ? ' usa-input--error' : ''}`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, undefined, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/** A problem built by the page itself (before calling the API), in the API's shape. */
export const localProblem = (errors: { field: string; message: string }[]): Problem => ({
  status: 400,
  title: 'Bad request',
  errors: errors.map((e) => ({ ...e, code: 'required' })),
});

/** A labelled textarea with its hint and error, like `<Field>`. */
export function TextAreaField({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 8,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  const id = inputId(name);
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        className={`usa-textarea${error ? ' usa-input--error' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormGroup>
  );
}

/** A required checkbox (an acknowledgement), with its error, in USWDS's checkbox markup. */
export function CheckboxField({
  name,
  label,
  error,
  checked,
  onChange,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = inputId(name);
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      <div className="usa-checkbox">
        <input
          className="usa-checkbox__input"
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label className="usa-checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}
