import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import AddPlatformsDialog from '../src/components/AddPlatformsDialog.svelte';
import { toasts } from '../src/lib/toasts.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import { addPreview, installFakeBackend, platform, uninstallFakeBackend, type FakeBackend } from './fakeBackend';

let fake: FakeBackend;

beforeEach(() => {
  watchlist.platforms = [];
  watchlist.loaded = true;
  watchlist.error = '';
  toasts.clear();
});

afterEach(() => {
  uninstallFakeBackend();
  toasts.clear();
});

function open(tab: 'catalog' | 'url' = 'catalog', onclose = vi.fn()) {
  render(AddPlatformsDialog, { tab, onclose, searchDelay: 5 });
  return { onclose, dialog: screen.getByRole('dialog', { name: 'Add platforms' }) };
}

const names = (dialog: HTMLElement) =>
  within(dialog)
    .queryAllByTestId('catalog-entry')
    .map((el) => el.getAttribute('data-platform-id'));

describe('catalog tab', () => {
  it('focuses the search box and lists the whole catalog', async () => {
    fake = installFakeBackend();
    const { dialog } = open();
    const search = within(dialog).getByRole('searchbox', { name: 'Search the catalog' });
    await waitFor(() => expect(document.activeElement).toBe(search));
    await waitFor(() => expect(names(dialog)).toEqual(['claude', 'chatgpt', 'whatsapp', 'instagram']));
    const claude = within(dialog).getAllByTestId('catalog-entry')[0]!;
    expect(claude).toHaveTextContent('Claude');
    expect(claude).toHaveTextContent('Anthropic · AI assistants');
    expect(claude).toHaveTextContent('Terms of Service · Privacy Policy');
  });

  it('searches once typing pauses', async () => {
    // Fake timers make "pauses" exact: nothing is sent until the debounce
    // delay has passed after the last keystroke, however slow the machine.
    vi.useFakeTimers();
    try {
      fake = installFakeBackend();
      const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
      const onclose = vi.fn();
      render(AddPlatformsDialog, { tab: 'catalog', onclose, searchDelay: 200 });
      const dialog = screen.getByRole('dialog', { name: 'Add platforms' });
      await vi.advanceTimersByTimeAsync(0);
      const queries = () => fake.calls.filter((c) => c.method === 'Catalog').map((c) => c.args[0]);
      expect(queries()).toEqual(['']);

      await user.type(within(dialog).getByRole('searchbox'), 'meta');
      expect(queries()).toEqual(['']);
      await vi.advanceTimersByTimeAsync(199);
      expect(queries()).toEqual(['']);
      await vi.advanceTimersByTimeAsync(1);
      expect(queries()).toEqual(['', 'meta']);
      await vi.advanceTimersByTimeAsync(0);
      expect(names(dialog)).toEqual(['whatsapp', 'instagram']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('filters by category chip', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { dialog } = open();
    const chips = within(dialog).getByRole('group', { name: 'Categories' });
    await user.click(await within(chips).findByRole('button', { name: /Messaging/ }));
    await waitFor(() => expect(names(dialog)).toEqual(['whatsapp']));
    expect(within(chips).getByRole('button', { name: /Messaging/ })).toHaveAttribute('aria-pressed', 'true');
    expect(fake.calls.at(-1)).toEqual({ method: 'Catalog', args: ['', 'messaging'] });
    await user.click(within(chips).getByRole('button', { name: /^All/ }));
    await waitFor(() => expect(names(dialog)).toHaveLength(4));
  });

  it('offers the URL form when nothing matches', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { dialog } = open();
    await user.type(within(dialog).getByRole('searchbox'), 'Acme Cloud');
    await user.click(await within(dialog).findByRole('button', { name: 'Add it by URL instead' }));
    expect(within(dialog).getByRole('tab', { name: /By URL/ })).toHaveAttribute('aria-selected', 'true');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Acme Cloud');
  });

  it('adds a platform and shows it as watched', async () => {
    fake = installFakeBackend([platform({ id: 'chatgpt', name: 'ChatGPT' })]);
    watchlist.platforms = [platform({ id: 'chatgpt', name: 'ChatGPT' })];
    const user = userEvent.setup();
    const { dialog } = open();
    await waitFor(() => expect(names(dialog)).toHaveLength(4));
    const row = (id: string) => dialog.querySelector(`[data-platform-id="${id}"]`) as HTMLElement;
    expect(within(row('chatgpt')).getByText('Watching')).toBeInTheDocument();

    await user.click(within(row('claude')).getByRole('button', { name: 'Add Claude' }));
    await waitFor(() => expect(within(row('claude')).getByText('Watching')).toBeInTheDocument());
    expect(watchlist.platforms.map((p) => p.id)).toEqual(['chatgpt', 'claude']);
    // Focus stays in the list rather than falling out of the dialog.
    expect(document.activeElement).toBe(row('claude'));
  });

  it('shows why an add failed on the row', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { dialog } = open();
    await waitFor(() => expect(names(dialog)).toHaveLength(4));
    fake.failNext('WatchPlatform', 'the archive is read-only');
    const row = dialog.querySelector('[data-platform-id="claude"]') as HTMLElement;
    await user.click(within(row).getByRole('button', { name: 'Add Claude' }));
    expect(await within(row).findByRole('alert')).toHaveTextContent('The archive is read-only');
    expect(within(row).getByRole('button', { name: 'Add Claude' })).toBeEnabled();
  });
});

describe('dialog behaviour', () => {
  it('closes on Escape', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { onclose } = open();
    await user.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledOnce();
  });

  it('keeps Tab inside the dialog', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { dialog } = open('url');
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText('Name')));
    for (let i = 0; i < 15; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('switches tabs with the arrow keys', async () => {
    fake = installFakeBackend();
    const user = userEvent.setup();
    const { dialog } = open();
    within(dialog)
      .getByRole('tab', { name: /From the catalog/ })
      .focus();
    await user.keyboard('{ArrowRight}');
    const byURL = within(dialog).getByRole('tab', { name: /By URL/ });
    expect(byURL).toHaveAttribute('aria-selected', 'true');
    expect(document.activeElement).toBe(byURL);
  });
});

describe('URL tab', () => {
  async function fill(dialog: HTMLElement, fields: { name?: string; url?: string; select?: string; remove?: string }) {
    const user = userEvent.setup();
    const d = within(dialog);
    await waitFor(() => expect(d.getByLabelText('Document type')).toHaveValue('Terms of Service'));
    if (fields.name) await user.type(d.getByLabelText('Name'), fields.name);
    if (fields.url) await user.type(d.getByLabelText('Page address'), fields.url);
    if (fields.select) await user.type(d.getByLabelText('Keep only'), fields.select);
    if (fields.remove) await user.type(d.getByLabelText('Leave out'), fields.remove);
    await user.click(d.getByRole('button', { name: 'Add to watchlist' }));
    return user;
  }

  it('shows the backend message next to the field it is about', async () => {
    fake = installFakeBackend();
    const { dialog, onclose } = open('url');
    await fill(dialog, { name: 'Acme' });
    const error = await within(dialog).findByTestId('form-error');
    expect(error).toHaveTextContent('Give the address of the page (https://…)');
    const url = within(dialog).getByLabelText('Page address');
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(url).toHaveAccessibleDescription(/Give the address of the page/);
    expect(url.parentElement).toContainElement(error);
    expect(within(dialog).getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
    expect(onclose).not.toHaveBeenCalled();
  });

  it('puts a name problem under the name', async () => {
    fake = installFakeBackend();
    const { dialog } = open('url');
    await fill(dialog, { url: 'https://acme.example/terms' });
    const error = await within(dialog).findByTestId('form-error');
    expect(error).toHaveTextContent('Give the platform a name');
    expect(within(dialog).getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
  });

  it('puts a selector problem under the list that holds it', async () => {
    fake = installFakeBackend();
    const { dialog } = open('url');
    await fill(dialog, { name: 'Acme', url: 'https://acme.example/terms', select: 'main', remove: 'nav, .x!!' });
    const error = await within(dialog).findByTestId('form-error');
    expect(error).toHaveTextContent('Selector ".x!!" does not compile');
    expect(within(dialog).getByLabelText('Leave out')).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the cleaned request and closes on success', async () => {
    fake = installFakeBackend();
    const { dialog, onclose } = open('url');
    await fill(dialog, {
      name: '  Acme  ',
      url: 'https://acme.example/terms',
      select: 'main{enter}#terms',
      remove: 'nav, footer',
    });
    await waitFor(() => expect(onclose).toHaveBeenCalledOnce());
    expect(fake.calls.find((c) => c.method === 'WatchURL')?.args[0]).toEqual({
      name: 'Acme',
      type: 'Terms of Service',
      url: 'https://acme.example/terms',
      select: ['main', '#terms'],
      remove: ['nav', 'footer'],
    });
    expect(watchlist.platforms.map((p) => p.name)).toEqual(['Acme']);
    expect(toasts.items.map((t) => t.message)).toEqual(['Now watching Acme.']);
  });
});

describe('URL preview', () => {
  const previews = () => fake.calls.filter((c) => c.method === 'PreviewURL').map((c) => c.args[0]);

  it('previews once typing pauses and shows the opening lines safely', async () => {
    // Fake timers make "pauses" exact whatever the machine's speed.
    vi.useFakeTimers();
    try {
      fake = installFakeBackend();
      addPreview(fake);
      const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
      render(AddPlatformsDialog, { tab: 'url', onclose: vi.fn(), previewDelay: 600 });
      const dialog = screen.getByRole('dialog', { name: 'Add platforms' });
      const d = within(dialog);
      expect(d.getByTestId('url-preview')).toHaveTextContent("Type the page's address");

      await user.type(d.getByLabelText('Page address'), 'https://acme.example/terms');
      await vi.advanceTimersByTimeAsync(599);
      expect(previews()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(previews()).toEqual([{ name: '', type: '', url: 'https://acme.example/terms', select: [], remove: [] }]);
      await vi.advanceTimersByTimeAsync(0);

      const text = d.getByTestId('preview-text');
      expect(within(text).getByRole('heading', { name: 'Acme Terms of Service' })).toBeInTheDocument();
      expect(text).toHaveTextContent('Clause line 36.');
      expect(text).not.toHaveTextContent('Clause line 37.');
      expect(text.querySelector('script')).toBeNull();
      expect(text).toHaveTextContent('<script>window.pwned=1</script>');
      expect(d.getByTestId('preview-words')).toHaveTextContent('214 words');
      expect(d.getByTestId('url-preview')).toHaveTextContent('Only the beginning is shown');

      // Selectors are part of what is previewed; the same request is not sent twice.
      await user.type(d.getByLabelText('Keep only'), 'main');
      await vi.advanceTimersByTimeAsync(600);
      expect(previews().at(-1)).toMatchObject({ select: ['main'] });
      const sent = previews().length;
      await user.type(d.getByLabelText('Keep only'), ' ');
      await vi.advanceTimersByTimeAsync(600);
      expect(previews()).toHaveLength(sent);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['https://acme.example/missing', '', 'gone', 'The page was not found', '404 Not Found'],
    ['https://acme.example/wall', '', 'bot-blocked', 'The site blocks automated visitors', 'anti-bot check'],
    ['https://acme.example/terms', '#nothing', 'no-match', 'selectors match nothing', '#nothing'],
  ])('says in plain words why %s fails', async (url, select, kind, title, detail) => {
    fake = installFakeBackend();
    addPreview(fake);
    const user = userEvent.setup();
    render(AddPlatformsDialog, { tab: 'url', onclose: vi.fn(), previewDelay: 5 });
    const d = within(screen.getByRole('dialog', { name: 'Add platforms' }));
    if (select) await user.type(d.getByLabelText('Keep only'), select);
    await user.type(d.getByLabelText('Page address'), url);
    const problem = await d.findByTestId('preview-error');
    expect(problem).toHaveAttribute('data-kind', kind);
    expect(problem).toHaveTextContent(title);
    expect(problem).toHaveTextContent(detail);
    expect(d.queryByTestId('preview-text')).toBeNull();
  });

  it('does not fetch an address that cannot be real', async () => {
    fake = installFakeBackend();
    addPreview(fake);
    const user = userEvent.setup();
    render(AddPlatformsDialog, { tab: 'url', onclose: vi.fn(), previewDelay: 5 });
    const d = within(screen.getByRole('dialog', { name: 'Add platforms' }));
    await user.type(d.getByLabelText('Page address'), 'javascript:alert(1)');
    await user.type(d.getByLabelText('Name'), 'Acme');
    await new Promise((r) => setTimeout(r, 30));
    expect(previews()).toEqual([]);
  });

  it('shows a failed request without breaking the form', async () => {
    fake = installFakeBackend();
    fake.app.PreviewURL = () => Promise.reject('the archive is closed');
    const user = userEvent.setup();
    render(AddPlatformsDialog, { tab: 'url', onclose: vi.fn(), previewDelay: 5 });
    const d = within(screen.getByRole('dialog', { name: 'Add platforms' }));
    await user.type(d.getByLabelText('Page address'), 'https://acme.example/terms');
    expect(await within(d.getByTestId('url-preview')).findByRole('alert')).toHaveTextContent('The archive is closed');
    expect(d.getByRole('button', { name: 'Add to watchlist' })).toBeEnabled();
  });

  it('is absent when the backend cannot preview', async () => {
    fake = installFakeBackend();
    open('url');
    expect(screen.queryByTestId('url-preview')).toBeNull();
  });
});
