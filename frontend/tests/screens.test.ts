import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { check } from '../src/lib/check.svelte';
import { readPref } from '../src/lib/prefs';
import { toasts } from '../src/lib/toasts.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import { installFakeBackend, platform, uninstallFakeBackend } from './fakeBackend';

const claude = platform({
  id: 'claude',
  name: 'Claude',
  company: 'Anthropic',
  status: 'changed',
  unread: 1,
  lastCheck: '2026-08-17T22:31:33Z',
  documents: [
    {
      id: 2,
      type: 'Privacy Policy',
      url: 'https://www.anthropic.com/legal/privacy',
      versions: 3,
      lastCheck: '2026-08-17T22:31:33Z',
      lastOutcome: 'unchanged',
      error: '',
    },
    {
      id: 3,
      type: 'Terms of Service',
      url: 'https://www.anthropic.com/legal/consumer-terms',
      versions: 0,
      lastCheck: '2026-08-17T22:31:33Z',
      lastOutcome: 'failed',
      error: 'the page answered 404 Not Found',
    },
  ],
});

function reset() {
  watchlist.platforms = [];
  watchlist.loaded = false;
  watchlist.error = '';
  check.running = false;
  check.finished = null;
  check.results = {};
  toasts.clear();
  localStorage.clear();
  location.hash = '';
}

beforeEach(reset);
afterEach(() => {
  uninstallFakeBackend();
  reset();
  delete (window as { pwned?: unknown }).pwned;
});

function open(hash: string) {
  location.hash = hash;
  return render(App);
}

describe('platform page', () => {
  it('opens from the watchlist card and lists documents and changes', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('link', { name: 'Claude' }));
    await screen.findByRole('heading', { level: 1, name: 'Claude' });
    expect(location.hash).toBe('#/platform/claude');
    const docs = screen.getAllByTestId('document');
    expect(docs.map((d) => within(d).getByRole('heading').textContent)).toEqual(['Privacy Policy', 'Terms of Service']);
    expect(docs[0]).toHaveTextContent('3 versions');
    expect(within(docs[1]!).getByTestId('document-error')).toHaveTextContent('404 Not Found');
    const changes = await screen.findAllByTestId('change');
    expect(changes).toHaveLength(2);
    expect(changes[0]).toHaveTextContent('Material change');
    expect(changes[0]).toHaveTextContent('New');
    expect(within(changes[0]!).getByRole('link', { name: 'Privacy Policy' })).toHaveAttribute(
      'href',
      '#/history/claude/2/13',
    );
    expect(within(docs[0]!).getByRole('link', { name: /History/ })).toHaveAttribute('href', '#/history/claude/2');
  });

  it('marks every change read', async () => {
    const fake = installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/platform/claude');
    await user.click(await screen.findByRole('button', { name: 'Mark all as read' }));
    expect(fake.calls.find((c) => c.method === 'MarkRead')?.args).toEqual([[21]]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull());
  });

  it('checks just this platform', async () => {
    const fake = installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/platform/claude');
    await user.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(fake.calls.find((c) => c.method === 'CheckNow')?.args).toEqual([['claude']]);
  });

  it('says when the platform is not watched', async () => {
    installFakeBackend([]);
    open('#/platform/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('This platform is not on your watchlist');
  });

  it('explains when a page cannot be opened in the browser', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/platform/claude');
    await user.click(await screen.findByRole('button', { name: 'Open Privacy Policy in your browser' }));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('Opening pages is not available here. The address is https://www.anthropic.com');
    expect(within(toast).getByRole('button', { name: 'Copy address' })).toBeInTheDocument();
  });
});

describe('history and diff', () => {
  it('opens the latest change with its summary, "was I told?" and the diff', async () => {
    const fake = installFakeBackend([claude]);
    open('#/history/claude/2');
    const summary = await screen.findByTestId('change-summary');
    expect(summary).toHaveTextContent('Material change');
    expect(summary).toHaveTextContent('+120');
    const told = within(summary).getByTestId('was-i-told');
    expect(told).toHaveTextContent('earlier terms promised to tell you');
    expect(told).toHaveTextContent('We will notify you of material changes.');
    expect(told).toHaveTextContent(/took effect on Jun 1, 2026, before Fineprint could first see it/);
    expect(told).toHaveTextContent('Effective 1 June 2026.');
    expect(within(summary).getByTestId('provisions')).toHaveTextContent('Now in the terms: Used for AI training');
    expect(within(summary).getByText('Training')).toBeInTheDocument();

    const versions = screen.getAllByTestId('version');
    expect(versions.map((v) => v.dataset.class)).toEqual(['material', 'minor', '']);
    expect(versions[0]).toHaveAttribute('aria-current', 'true');

    // Changed sections come first; unchanged ones are folded away.
    const sections = screen.getAllByTestId('diff-section');
    expect(sections.map((s) => s.dataset.kind)).toEqual(['changed', 'added']);
    const folded = screen.getByTestId('unchanged');
    expect(folded).not.toHaveAttribute('open');
    expect(folded).toHaveTextContent('1 unchanged section');

    // Side by side: the old column has the deletion, the new one the insertion.
    const old = within(sections[0]!).getByLabelText('Before');
    const neu = within(sections[0]!).getByLabelText('After');
    expect(old.querySelector('del')).toHaveTextContent('30 days');
    expect(old.querySelector('ins')).toBeNull();
    expect(neu.querySelector('ins')).toHaveTextContent('five years');
    expect(neu.querySelector('del')).toBeNull();

    // Policy text is text: the script in the added section is inert.
    expect(sections[1]).toHaveTextContent('<script>window.pwned=1</script>');
    expect(document.querySelector('[data-testid="diff"] script')).toBeNull();
    expect((window as { pwned?: unknown }).pwned).toBeUndefined();

    // Opening the change reads it.
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'MarkRead')).toBe(true));
  });

  it('switches to the inline diff and remembers it', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/history/claude/2');
    await screen.findByTestId('diff');
    await user.click(screen.getByRole('button', { name: 'Inline' }));
    const section = screen.getAllByTestId('diff-section')[0]!;
    expect(within(section).queryByLabelText('Before')).toBeNull();
    expect(section.querySelector('del')).toHaveTextContent('30 days');
    expect(section.querySelector('ins')).toHaveTextContent('five years');
    expect(localStorage.getItem('fineprint.diffMode')).toBe('inline');
    expect(readPref('diffMode')).toBe('inline');
  });

  it('moves through versions with the arrow keys and says when there is nothing earlier', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/history/claude/2/12');
    await screen.findAllByTestId('version');
    await waitFor(() => expect(screen.getAllByTestId('version')[1]).toHaveAttribute('aria-current', 'true'));
    screen.getAllByTestId('version')[1]!.focus();
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(location.hash).toBe('#/history/claude/2/11'));
    expect(await screen.findByTestId('first-version')).toHaveTextContent('nothing earlier to compare');
  });

  it('reads a version as safe text', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/history/claude/2');
    await screen.findByTestId('diff');
    await user.click(screen.getByRole('tab', { name: 'Read this version' }));
    const text = await screen.findByTestId('version-text');
    expect(within(text).getByRole('heading', { name: 'Privacy Policy' })).toBeInTheDocument();
    expect(text).toHaveTextContent('<script>window.pwned=1</script>');
    expect(text.querySelector('script, img')).toBeNull();
    expect(within(text).getByText('click').closest('a')).not.toHaveAttribute('href');
    expect((window as { pwned?: unknown }).pwned).toBeUndefined();
  });
});

describe('search', () => {
  it('highlights matches without HTML and opens the version', async () => {
    const fake = installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/search');
    expect(await screen.findByTestId('empty')).toHaveTextContent('Search what the terms said');
    await user.type(screen.getByRole('searchbox', { name: 'Search the archive' }), 'conversations');
    const hit = await screen.findByTestId('hit');
    expect(fake.calls.find((c) => c.method === 'Search')?.args).toEqual(['conversations']);
    const marks = [...hit.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['conversations', 'conversations']);
    // The <b> in the snippet is the page's text, not markup.
    expect(hit.querySelector('b')).toBeNull();
    expect(within(hit).getByTestId('snippet')).toHaveTextContent('<b>train</b>');
    expect(screen.getByTestId('result-count')).toHaveTextContent('1 match in 1 platform');
    await user.click(hit);
    expect(location.hash).toBe('#/read/13');
    expect(await screen.findByTestId('version-text')).toHaveTextContent('five years');
  });

  it('opens with Ctrl+F from anywhere', async () => {
    installFakeBackend([claude]);
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId('platform');
    await user.keyboard('{Control>}f{/Control}');
    await waitFor(() => expect(location.hash).toBe('#/search'));
    await waitFor(() => expect(screen.getByRole('searchbox')).toHaveFocus());
  });
});

describe('changes', () => {
  it('lists material changes across platforms and marks them read', async () => {
    const fake = installFakeBackend([claude]);
    const user = userEvent.setup();
    open('#/changes');
    const rows = await screen.findAllByTestId('change');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('Claude · Privacy Policy');
    expect(rows[0]).toHaveTextContent('Applies to the past');
    await user.click(screen.getByRole('checkbox', { name: 'Include minor edits' }));
    await waitFor(() => expect(screen.getAllByTestId('change')).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Mark Claude Privacy Policy change as read' }));
    expect(fake.calls.find((c) => c.method === 'MarkRead')?.args).toEqual([[21]]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull());
    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }));
    expect(await screen.findByTestId('empty')).toHaveTextContent('All caught up');
  });

  it('opens with Ctrl+2 and teaches what shows there when empty', async () => {
    const fake = installFakeBackend([claude]);
    fake.histories.clear();
    const user = userEvent.setup();
    render(App);
    await screen.findByTestId('platform');
    await user.keyboard('{Control>}2{/Control}');
    await waitFor(() => expect(location.hash).toBe('#/changes'));
    expect(await screen.findByTestId('empty')).toHaveTextContent('Material changes show here');
  });
});

describe('notifications that open the window', () => {
  it('open one change at its diff, several at the list, the digest at the changes', async () => {
    const fake = installFakeBackend([claude]);
    render(App);
    await screen.findByTestId('platform');
    fake.emit('change:open', 21, [21]);
    await waitFor(() => expect(location.hash).toBe('#/history/claude/2/13'));
    await screen.findByTestId('change-summary');
    fake.emit('change:open', 21, [21, 20]);
    await waitFor(() => expect(location.hash).toBe('#/changes'));
    location.hash = '#/search';
    await waitFor(() => expect(screen.getByRole('searchbox')).toBeInTheDocument());
    fake.emit('digest:open');
    await waitFor(() => expect(location.hash).toBe('#/changes'));
  });
});
