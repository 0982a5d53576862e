// Archived policy text is Markdown extracted from pages Fineprint does not
// control, so it is rendered as text with formatting and nothing more: raw
// HTML shows as literal text, images as their description, and what is left
// goes through DOMPurify with a short allow-list. Links never navigate the
// window; Prose.svelte opens them in the system browser.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const allowedTags = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
];

/** Only web and mail links survive; javascript:, data:, file: and the rest go. */
export const safeHref = /^(?:https?:|mailto:)/i;

function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHTML(text);
    },
    image({ text }: Tokens.Image): string {
      return text ? `<span class="image-alt">[${escapeHTML(text)}]</span>` : '';
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | undefined;

function purify(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!safeHref.test(href.trim())) node.removeAttribute('href');
    node.setAttribute('rel', 'noreferrer noopener');
  });
  purifier = p;
  return p;
}

/** Sanitised HTML for a Markdown text; safe to insert with {@html}. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown) as string;
  return purify().sanitize(html, {
    ALLOWED_TAGS: [...allowedTags, 'span'],
    ALLOWED_ATTR: ['href', 'title', 'class', 'rel', 'colspan', 'rowspan', 'align'],
    ALLOWED_URI_REGEXP: safeHref,
    ALLOW_DATA_ATTR: false,
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'iframe', 'form', 'input', 'video', 'audio', 'source', 'object'],
  });
}

/** A snippet with its «matches» as parts, so highlights need no HTML. */
export function splitMarks(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let mark = false;
  let current = '';
  for (const ch of snippet) {
    if (ch === '«' || ch === '»') {
      if (current) parts.push({ text: current, mark });
      current = '';
      mark = ch === '«';
      continue;
    }
    current += ch;
  }
  if (current) parts.push({ text: current, mark });
  return parts;
}

/** The text of a Markdown quote as it reads once rendered: no link targets, emphasis marks or extra spaces. */
export function plainQuote(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part of a UTF-8 text between two byte offsets (Go's string indexes). */
export function byteSlice(text: string, start: number, end: number): string {
  const bytes = new TextEncoder().encode(text);
  if (start < 0 || end <= start || start >= bytes.length) return '';
  return new TextDecoder().decode(bytes.slice(start, Math.min(end, bytes.length)));
}

/**
 * Wraps the first place the quote appears in root's text in <mark> elements
 * (one per text node it spans) and returns the first, or null. Whitespace is
 * compared loosely, since rendering reflows it.
 */
export function markQuote(root: HTMLElement, quote: string): HTMLElement | null {
  const wanted = plainQuote(quote).toLowerCase();
  if (wanted.length < 4) return null;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: { node: Text; from: number }[] = [];
  let flat = '';
  let lastSpace = true;
  // Map each character of the collapsed text back to its node and offset.
  const origin: { node: number; offset: number }[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    nodes.push({ node: t, from: flat.length });
    const s = t.data;
    for (let i = 0; i < s.length; i++) {
      const space = /\s/.test(s[i]!);
      if (space && lastSpace) continue;
      flat += space ? ' ' : s[i]!.toLowerCase();
      origin.push({ node: nodes.length - 1, offset: i });
      lastSpace = space;
    }
  }
  // A long quote may have been reformatted near its end; its opening is
  // what identifies it.
  const probe = wanted.slice(0, 80);
  const at = flat.indexOf(probe);
  if (at < 0) return null;
  const stop = Math.min(flat.length, at + wanted.length);
  const spans = new Map<number, [number, number]>();
  for (let i = at; i < stop; i++) {
    const o = origin[i]!;
    const cur = spans.get(o.node);
    spans.set(o.node, cur ? [cur[0], o.offset + 1] : [o.offset, o.offset + 1]);
  }
  let first: HTMLElement | null = null;
  for (const [idx, [from, to]] of spans) {
    const text = nodes[idx]!.node;
    const middle = from > 0 ? text.splitText(from) : text;
    middle.splitText(to - from);
    const mark = document.createElement('mark');
    mark.className = 'quote-mark';
    middle.replaceWith(mark);
    mark.append(middle);
    first ??= mark;
  }
  return first;
}
