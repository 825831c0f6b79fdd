import { type FormEvent, useEffect, useState } from 'react';
import { api, asProblem, type Problem } from '../../api/client';
import { useApi } from '../../api/useApi';
import { AuditTrail } from '../../components/AuditTrail';
import { ErrorSummary, Field, fieldErrors, localProblem, SelectField } from '../../components/forms';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { useAnnounce } from '../../components/status';

/** A field's error, including those the API reports on one item of a list (`reminderDays.1`). */
const errorOf = (errors: Record<string, string>, name: string) =>
  errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];

const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** ADS's settings: the certification lifecycle (renewal, grace, reminders, the DDS notice) and homework file limits. */
export function Settings() {
  return (
    <Page title="Settings">
      <LifecycleSettings />
      <FileSettings />
    </Page>
  );
}

function LifecycleSettings() {
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const loaded = useApi(() => api.GET('/ads/settings/lifecycle'), [version]);
  const [form, setForm] = useState({
    renewalWindowMonths: '',
    graceDays: '',
    renewFrom: 'old-expiry-if-unexpired',
    reminderDays: '',
    noticeWindowDays: '',
  });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  useEffect(() => {
    const s = loaded.data;
    if (s)
      setForm({
        renewalWindowMonths: String(s.renewalWindowMonths),
        graceDays: String(s.graceDays),
        renewFrom: s.renewFrom,
        reminderDays: s.reminderDays.join(', '),
        noticeWindowDays: String(s.noticeWindowDays),
      });
  }, [loaded.data]);
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!loaded.data) return;
    const reminderDays = form.reminderDays
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(whole);
    const numbers = ['renewalWindowMonths', 'graceDays', 'noticeWindowDays'] as const;
    const local = [
      ...numbers
        .filter((n) => Number.isNaN(whole(form[n])))
        .map((field) => ({ field, message: 'Enter a whole number.' })),
      ...(reminderDays.some(Number.isNaN)
        ? [{ field: 'reminderDays', message: 'Enter whole numbers of days, separated by commas.' }]
        : []),
    ];
    if (local.length) return setProblem(localProblem(local));
    const { data, error } = await api.PUT('/ads/settings/lifecycle', {
      body: {
        renewalWindowMonths: whole(form.renewalWindowMonths),
        graceDays: whole(form.graceDays),
        renewFrom: form.renewFrom as 'old-expiry-if-unexpired' | 'issue-date',
        reminderDays,
        noticeWindowDays: whole(form.noticeWindowDays),
        version: loaded.data.version,
      },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce(`Lifecycle settings saved (version ${data.version}).`);
    setVersion((v) => v + 1);
  };

  return (
    <section aria-labelledby="lifecycle-heading">
      <h2 id="lifecycle-heading">Certification lifecycle</h2>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      <ErrorSummary problem={problem} />
      {loaded.data ? (
        <form className="usa-form usa-form--large" onSubmit={save} noValidate>
          <Field
            name="renewalWindowMonths"
            label="Renewal window (months before expiry)"
            inputMode="numeric"
            error={errors.renewalWindowMonths}
            value={form.renewalWindowMonths}
            onChange={(e) => set('renewalWindowMonths')(e.target.value)}
          />
          <Field
            name="graceDays"
            label="Grace period after expiry (days; not active meanwhile)"
            inputMode="numeric"
            error={errors.graceDays}
            value={form.graceDays}
            onChange={(e) => set('graceDays')(e.target.value)}
          />
          <SelectField
            name="renewFrom"
            label="A renewal before expiry runs from"
            error={errors.renewFrom}
            options={[
              { value: 'old-expiry-if-unexpired', label: 'The old expiry date (no time lost)' },
              { value: 'issue-date', label: 'The issue date of the new certification' },
            ]}
            value={form.renewFrom}
            onChange={set('renewFrom')}
          />
          <Field
            name="reminderDays"
            label="Reminders to holders (days before expiry, separated by commas)"
            error={errorOf(errors, 'reminderDays')}
            value={form.reminderDays}
            onChange={(e) => set('reminderDays')(e.target.value)}
          />
          <Field
            name="noticeWindowDays"
            label="The monthly DDS notice looks ahead (days)"
            inputMode="numeric"
            error={errors.noticeWindowDays}
            value={form.noticeWindowDays}
            onChange={(e) => set('noticeWindowDays')(e.target.value)}
          />
          <button type="submit" className="usa-button">
            Save the lifecycle settings
          </button>
        </form>
      ) : null}
      {/* Keyed by the save count: a save mounts it afresh, so the new entry shows at once. */}
      <AuditTrail
        key={version}
        subjectType="settings"
        subjectId="lifecycle"
        title="Audit trail of the lifecycle settings"
      />
    </section>
  );
}

function FileSettings() {
  const announce = useAnnounce();
  const [version, setVersion] = useState(0);
  const loaded = useApi(() => api.GET('/ads/settings/homework-files'), [version]);
  const [form, setForm] = useState({ maxFileBytes: '', maxFilesPerAssignment: '' });
  const [problem, setProblem] = useState<Problem>();
  const errors = fieldErrors(problem);
  useEffect(() => {
    if (loaded.data)
      setForm({
        maxFileBytes: String(loaded.data.maxFileBytes),
        maxFilesPerAssignment: String(loaded.data.maxFilesPerAssignment),
      });
  }, [loaded.data]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!loaded.data) return;
    const local = (['maxFileBytes', 'maxFilesPerAssignment'] as const)
      .filter((n) => Number.isNaN(whole(form[n])))
      .map((field) => ({ field, message: 'Enter a whole number.' }));
    if (local.length) return setProblem(localProblem(local));
    const { error } = await api.PUT('/ads/settings/homework-files', {
      body: {
        maxFileBytes: whole(form.maxFileBytes),
        maxFilesPerAssignment: whole(form.maxFilesPerAssignment),
        version: loaded.data.version,
      },
    });
    if (error) return setProblem(asProblem(error));
    setProblem(undefined);
    announce('Homework file limits saved.');
    setVersion((v) => v + 1);
  };
  return (
    <section aria-labelledby="files-heading" className="margin-top-4">
      <h2 id="files-heading">Homework files</h2>
      <Loading loading={loaded.loading} problem={loaded.problem} />
      <ErrorSummary problem={problem} />
      {loaded.data ? (
        <form className="usa-form usa-form--large" onSubmit={save} noValidate>
          <Field
            name="maxFileBytes"
            label="Largest file accepted (bytes)"
            inputMode="numeric"
            error={errors.maxFileBytes}
            value={form.maxFileBytes}
            onChange={(e) => setForm((f) => ({ ...f, maxFileBytes: e.target.value }))}
          />
          <Field
            name="maxFilesPerAssignment"
            label="Files a learner may keep on one assignment"
            inputMode="numeric"
            error={errors.maxFilesPerAssignment}
            value={form.maxFilesPerAssignment}
            onChange={(e) => setForm((f) => ({ ...f, maxFilesPerAssignment: e.target.value }))}
          />
          <button type="submit" className="usa-button">
            Save the file limits
          </button>
        </form>
      ) : null}
      <AuditTrail
        key={version}
        subjectType="settings"
        subjectId="homework-files"
        title="Audit trail of the homework file limits"
      />
    </section>
  );
}
