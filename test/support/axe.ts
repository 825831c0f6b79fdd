import axe from 'axe-core';
import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * The WCAG 2.1 A and AA violations axe-core finds in a page or an email, as `id: help` lines (none: `[]`).
 * jsdom lays nothing out, so colour contrast of a page styled by an external stylesheet is checked by the
 * browser tests through the web server, not here.
 */
export async function violations(html: string): Promise<string[]> {
  // A console of its own: jsdom's "not implemented" notices (canvas, used by axe's colour checks) are not findings.
  const dom = new JSDOM(html, { runScripts: 'outside-only', virtualConsole: new VirtualConsole() });
  dom.window.eval(axe.source);
  const result = await (dom.window as unknown as { axe: typeof axe }).axe.run(dom.window.document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  });
  dom.window.close();
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}
