import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contrastRatio } from '../src/lib/avatar';

// Read from disk: Vitest stubs CSS imports, even ?raw ones.
// import.meta.url is a string here; jsdom's URL class would reject it.
const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../src/app.css'), 'utf8');

function palette(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)) out[m[1]!] = m[2]!;
  return out;
}

const light = palette(css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...palette(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'))) };

// Foreground/background pairs that actually occur in the UI.
const pairs: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'sidebar'],
  ['text-muted', 'bg'],
  ['text-muted', 'surface'],
  ['text-muted', 'surface-2'],
  ['text-muted', 'surface-hover'],
  ['text-muted', 'sidebar'],
  ['text-subtle', 'surface'],
  ['text-subtle', 'sidebar'],
  ['on-accent', 'accent'],
  ['on-accent', 'accent-hover'],
  ['accent-text', 'accent-soft'],
  ['accent-text', 'surface'],
  ['danger', 'surface'],
  ['danger', 'danger-soft'],
  ['status-neutral-fg', 'status-neutral-bg'],
  ['status-ok-fg', 'status-ok-bg'],
  ['status-ok-fg', 'surface'],
  ['status-changed-fg', 'status-changed-bg'],
  ['status-failed-fg', 'status-failed-bg'],
  ['status-failed-fg', 'surface'],
  ['status-checking-fg', 'status-checking-bg'],
  ['text', 'mark-bg'],
  ['ins-fg', 'ins-bg'],
  ['del-fg', 'del-bg'],
  ['text', 'ins-bg'],
  ['text', 'del-bg'],
];

describe.each([
  ['light', light],
  ['dark', dark],
])('%s scheme', (_, colours) => {
  it.each(pairs)('%s on %s meets WCAG AA (4.5:1)', (fg, bg) => {
    expect(colours[fg], `--${fg}`).toBeDefined();
    expect(colours[bg], `--${bg}`).toBeDefined();
    expect(contrastRatio(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(4.5);
  });
});
