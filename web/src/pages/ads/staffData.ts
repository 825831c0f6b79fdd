import { REGIONS } from '../../../../shared/domain/vocabulary';
import { api } from '../../api/client';

/**
 * Provider agencies as options for a filter, by name: the public per-region lists (DDS may read them too), merged.
 */
export async function providerOptions(): Promise<{ value: string; label: string }[]> {
  const answers = await Promise.all(REGIONS.map((region) => api.GET('/providers', { params: { query: { region } } })));
  const names = new Map<string, string>();
  for (const a of answers) for (const p of a.data?.items ?? []) names.set(p.id, p.name);
  return [...names].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label }));
}

/** Hands a file the API answered to the browser as a download (the API needs the bearer token, so no plain link). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Drops the empty fields of a filter form, so the query carries only what was chosen. */
export const chosen = <T extends Record<string, string>>(form: T): Partial<T> =>
  Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')) as Partial<T>;
