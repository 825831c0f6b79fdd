import { type ReactNode, useEffect, useRef } from 'react';

export const SERVICE_NAME = 'CT Customized Employment certification';

/**
 * Every page's frame: the document title says where you are ("Sign in — CT Customized Employment certification")
 * and focus moves to the page's h1 when it appears, so screen-reader and keyboard users start at the new content.
 */
export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${SERVICE_NAME}`;
    heading.current?.focus();
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="page-heading">
        {title}
      </h1>
      {lead ? <p className="usa-intro">{lead}</p> : null}
      {children}
    </>
  );
}
