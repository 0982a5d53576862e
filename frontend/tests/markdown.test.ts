import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import Prose from '../src/components/Prose.svelte';
import { renderMarkdown, splitMarks } from '../src/lib/markdown';
import { toasts } from '../src/lib/toasts.svelte';
import { installFakeBackend, uninstallFakeBackend, versionFixture } from './fakeBackend';

afterEach(() => {
  uninstallFakeBackend();
  toasts.clear();
  delete (window as { pwned?: unknown }).pwned;
});

function fragment(md: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = renderMarkdown(md);
  return div;
}

describe('renderMarkdown', () => {
  it('keeps formatting and web links', () => {
    const el = fragment('# Terms\n\nWe keep **five years**. [Help](https://example.com/help) · [mail](mailto:a@b.c)');
    expect(el.querySelector('h1')).toHaveTextContent('Terms');
    expect(el.querySelector('strong')).toHaveTextContent('five years');
    const links = [...el.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.com/help', 'mailto:a@b.c']);
  });

  it('shows raw HTML as text and runs nothing', () => {
    const el = fragment(versionFixture.text);
    expect(el.querySelector('script, img, iframe, style')).toBeNull();
    expect(el.textContent).toContain('<script>window.pwned=1</script>');
    expect(el.innerHTML).not.toMatch(/<img|<script/i);
    expect(el.querySelector('[onerror]')).toBeNull();
    expect(el.textContent).toContain('onerror=');
    expect((window as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('drops images, keeping their description', () => {
    const el = fragment('![tracking pixel](https://tracker.example/p.gif)');
    expect(el.querySelector('img')).toBeNull();
    expect(el).toHaveTextContent('[tracking pixel]');
  });

  it('removes javascript:, data: and relative links', () => {
    for (const href of [
      'javascript:window.pwned=3',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      '/etc/passwd',
      'file:///x',
    ]) {
      const a = fragment(`[click](${href})`).querySelector('a');
      expect(a?.hasAttribute('href') ?? false, href).toBe(false);
    }
  });

  it('drops event handlers and styles from anything that slips through', () => {
    const el = fragment('<p onclick="x()" style="color:red">hi</p>');
    expect(el.querySelector('[onclick], [style]')).toBeNull();
  });
});

describe('splitMarks', () => {
  it('turns «» into marked parts without HTML', () => {
    expect(splitMarks('…the «training» of <b>models</b> and «Training»…')).toEqual([
      { text: '…the ', mark: false },
      { text: 'training', mark: true },
      { text: ' of <b>models</b> and ', mark: false },
      { text: 'Training', mark: true },
      { text: '…', mark: false },
    ]);
  });
});

describe('Prose', () => {
  it('opens links through the backend and explains when it cannot', async () => {
    const fake = installFakeBackend();
    const user = userEvent.setup();
    render(Prose, { markdown: 'See [our help centre](https://support.example.com/retention).' });
    await user.click(screen.getByRole('link', { name: 'our help centre' }));
    expect(fake.calls.find((c) => c.method === 'OpenURL')?.args).toEqual(['https://support.example.com/retention']);
    await waitFor(() => expect(toasts.items[0]?.message).toMatch(/not available here.*support\.example\.com/));
    expect(location.href).not.toContain('support.example.com');
  });
});
