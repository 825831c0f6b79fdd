import { type ReactNode, useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

import { pageTitle } from '../../../shared/site';

/**
 * Every page's frame: the document title says where you are ("Sign in — CT Customized Employment certification")
 * and, after a navigation inside the app, focus moves to the page's h1, so screen-reader and keyboard users start at the new content.
 */
export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useEffect(() => {
    document.title = pageTitle(title);
    // The page a visit starts on (router key `default`) keeps focus at the top, so the skip link is the first Tab.
    if (location.key !== 'default') heading.current?.focus();
  }, [title, location.key]);
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
