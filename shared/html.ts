const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML (emails and the supervisor link pages). */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * The pages' one stylesheet, inline. Pages carry no `style` attributes: the pages' Content-Security-Policy allows
 * this exact text (by its hash) and no other style.
 */
export const PAGE_STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'button{font-size:1rem;padding:.5rem 1rem}footer{color:#666}';

/** A minimal, self-contained HTML page (no scripts, no external assets). */
export const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
  `<style>${PAGE_STYLE}</style></head>` +
  `<body><h1>${escapeHtml(title)}</h1>${body}<footer>Customized Employment Certification — Connecticut ADS, with DDS</footer></body></html>`;
