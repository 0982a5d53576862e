// Helpers for the live preview of a page added by URL.

/** The opening `max` lines of a text, and whether there was more. */
export function previewLines(markdown: string, max: number): { text: string; more: boolean } {
  const lines = markdown.split('\n');
  if (lines.length <= max) return { text: markdown, more: false };
  return { text: lines.slice(0, max).join('\n'), more: true };
}

const titles: Record<string, string> = {
  invalid: 'Check the address',
  gone: 'The page was not found',
  'bot-blocked': 'The site blocks automated visitors',
  'not-terms': 'This does not look like terms or a policy',
  'no-match': 'The “Keep only” selectors match nothing',
  'bad-rules': 'A selector cannot be used',
  'needs-browser': 'This page needs a browser to load',
  transient: 'The site could not be reached',
  'too-large': 'The page is too large',
  unsupported: 'Fineprint cannot read this kind of file',
  redirect: 'The page redirects somewhere Fineprint will not follow',
  'bad-encoding': 'The page’s text could not be decoded',
  empty: 'The page is empty',
  rejected: 'The server refused the request',
  unparsable: 'The page could not be read',
};

/** A short heading for a preview failure kind. */
export function previewTitle(kind: string): string {
  return titles[kind] ?? 'This page cannot be kept';
}

/** Whether an address is worth previewing yet: a scheme and a host with a dot or a port. */
export function previewable(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && (u.hostname.includes('.') || u.port !== '');
}
