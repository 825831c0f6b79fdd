import { useEffect, useRef } from 'react';

/**
 * The second step of an action that cannot be undone: a warning that says exactly what will happen, "Yes" to do it,
 * "No" to back out. It takes the focus when it opens, so keyboard and screen-reader users hear the question first.
 */
export function Confirm({
  what,
  yes,
  busy = false,
  onYes,
  onNo,
}: {
  what: string;
  yes: string;
  busy?: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} className="usa-alert usa-alert--warning margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{what} This cannot be undone.</p>
        <button type="button" className="usa-button" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="usa-button usa-button--unstyled" onClick={onNo}>
          No, go back
        </button>
      </div>
    </div>
  );
}
