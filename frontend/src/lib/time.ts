const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const formatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/**
 * "3 hours ago", "yesterday", "just now". Returns "" for an empty or
 * unparsable timestamp so callers can choose their own wording for "never".
 */
export function relativeTime(iso: string, now: Date = new Date()): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((then - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  // Clock skew between the backend and the webview can put a fresh check a
  // few seconds in the future; it still reads best as "just now".
  if (abs < 45) return 'just now';
  for (const [unit, size] of units) {
    if (abs >= size) {
      return formatter.format(Math.round(seconds / size), unit);
    }
  }
  return formatter.format(Math.sign(seconds) * Math.max(1, Math.round(abs / 60)), 'minute');
}

/** Full local date and time for tooltips, e.g. "29 Nov 2025, 14:03". */
export function absoluteTime(iso: string): string {
  const then = Date.parse(iso);
  if (!iso || Number.isNaN(then)) return '';
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(then);
}

/** "8 Jul 2026": the day a version was seen, without the clock. */
export function shortDate(iso: string): string {
  const then = Date.parse(iso);
  if (!iso || Number.isNaN(then)) return '';
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(then);
}

/** "2026-07-08" in local time, for date inputs and the backend's date filters. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
