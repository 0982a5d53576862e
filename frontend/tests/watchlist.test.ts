import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import { toasts } from '../src/lib/toasts.svelte';
import { ui } from '../src/lib/ui.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import { installFakeBackend, platform, uninstallFakeBackend } from './fakeBackend';

function reset() {
  watchlist.platforms = [];
  watchlist.loaded = false;
  watchlist.loading = false;
  watchlist.error = '';
  toasts.clear();
  ui.closeAdd();
  location.hash = '';
}

beforeEach(reset);
afterEach(() => {
  uninstallFakeBackend();
  reset();
});

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

const card = (id: string) => document.querySelector<HTMLElement>(`[data-testid="platform"][data-platform-id="${id}"]`);

describe('watchlist screen', () => {
  it('invites to add platforms when nothing is watched', async () => {
    installFakeBackend();
    render(App);
    const empty = await screen.findByTestId('empty-state');
    expect(within(empty).getByRole('heading', { name: 'Add the platforms you rely on' })).toBeInTheDocument();
    expect(empty).toHaveTextContent(/on this computer/);
    expect(within(empty).getByRole('button', { name: /Browse the catalog/ })).toBeInTheDocument();
    // Suggestions come from the catalog, in the order of popularity.
    const chips = await within(empty).findAllByRole('button', { name: /^Watch / });
    expect(chips.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Watch Claude',
      'Watch ChatGPT',
      'Watch WhatsApp',
      'Watch Instagram',
    ]);
  });

  it('adds a suggested platform in one click', async () => {
    const fake = installFakeBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Watch WhatsApp' }));
    await waitFor(() => expect(card('whatsapp')).not.toBeNull());
    expect(fake.calls.some((c) => c.method === 'WatchPlatform' && c.args[0] === 'whatsapp')).toBe(true);
    expect(screen.queryByTestId('empty-state')).toBeNull();
  });

  it('opens the catalog picker from the empty state', async () => {
    installFakeBackend();
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: /Browse the catalog/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Add platforms' });
    expect(within(dialog).getByRole('tab', { name: /From the catalog/ })).toHaveAttribute('aria-selected', 'true');
  });

  it('shows each platform with its status, last check, unread changes and documents', async () => {
    installFakeBackend([
      platform({
        id: 'claude',
        name: 'Claude',
        company: 'Anthropic',
        categoryLabel: 'AI assistants',
        status: 'never-checked',
        documents: [
          {
            id: 1,
            type: 'Privacy Policy',
            url: 'https://www.anthropic.com/legal/privacy',
            versions: 0,
            lastCheck: '',
            lastOutcome: '',
            error: '',
          },
        ],
      }),
      platform({
        id: 'whatsapp',
        name: 'WhatsApp',
        company: 'Meta',
        categoryLabel: 'Messaging',
        status: 'changed',
        statusText: 'Terms changed',
        lastCheck: hoursAgo(3),
        unread: 2,
      }),
      platform({
        id: 'acme',
        name: 'acme',
        status: 'failed',
        statusText: 'the page answered 404 Not Found',
        lastCheck: hoursAgo(26),
      }),
      platform({ id: 'ok', name: 'Okay', status: 'up-to-date', lastCheck: hoursAgo(0.5) }),
      platform({ id: 'busy', name: 'Busy', status: 'checking' }),
    ]);
    render(App);
    await waitFor(() => expect(card('claude')).not.toBeNull());

    const claude = within(card('claude')!);
    expect(claude.getByRole('heading', { name: 'Claude' })).toBeInTheDocument();
    expect(claude.getByTestId('status')).toHaveTextContent('Not checked yet');
    expect(claude.queryByTestId('last-check')).toBeNull();
    expect(card('claude')).toHaveTextContent(/Anthropic·AI assistants/);
    expect(claude.getByRole('list', { name: 'Documents' })).toHaveTextContent(/Privacy Policy\s*anthropic\.com/);
    expect(claude.queryByTestId('unread')).toBeNull();
    expect(claude.getByTestId('avatar')).toHaveTextContent('C');

    const wa = within(card('whatsapp')!);
    expect(wa.getByTestId('status')).toHaveTextContent('Changed');
    expect(wa.getByTestId('last-check')).toHaveTextContent('Checked 3 hours ago');
    expect(wa.getByTestId('unread')).toHaveTextContent('2 new changes');

    const acme = within(card('acme')!);
    expect(acme.getByTestId('status')).toHaveTextContent('Check failed');
    expect(acme.getByTestId('status-text')).toHaveTextContent('the page answered 404 Not Found');
    expect(acme.getByTestId('last-check')).toHaveTextContent('Checked yesterday');
    expect(acme.getByTestId('avatar')).toHaveTextContent('A');

    expect(within(card('ok')!).getByTestId('status')).toHaveTextContent('Up to date');
    expect(within(card('ok')!).getByTestId('last-check')).toHaveTextContent('Checked 30 minutes ago');
    expect(within(card('busy')!).getByTestId('status')).toHaveTextContent('Checking…');

    expect(screen.getByTestId('summary')).toHaveTextContent('5 platforms · 2 unread changes · 1 could not be checked');
    // Only working screens are offered in the sidebar.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const links = within(nav).getAllByRole('link');
    expect(links).toHaveLength(3);
    expect(links[0]).toHaveAccessibleName('Watchlist');
    expect(links[0]).toHaveAttribute('aria-current', 'page');
    // Unread changes are counted where they are read.
    expect(links[1]).toHaveAccessibleName(/^Changes\s*2\s*unread$/);
  });

  it('removes a platform and brings it back with Undo', async () => {
    const fake = installFakeBackend([
      platform({ id: 'a', name: 'Alpha' }),
      platform({ id: 'b', name: 'Beta' }),
      platform({ id: 'c', name: 'Gamma' }),
    ]);
    const user = userEvent.setup();
    render(App);
    await waitFor(() => expect(card('b')).not.toBeNull());

    await user.click(screen.getByRole('button', { name: 'Remove Beta' }));
    await waitFor(() => expect(card('b')).toBeNull());
    const toast = await screen.findByText('Beta is no longer watched.');
    expect(fake.platforms.map((p) => p.id)).toEqual(['a', 'c']);

    await user.click(
      within(toast.closest('[data-testid="toast"]') as HTMLElement).getByRole('button', { name: 'Undo' }),
    );
    await waitFor(() => expect(card('b')).not.toBeNull());
    // Back in its old place, not at the end.
    const order = [...document.querySelectorAll('[data-testid="platform"]')].map((el) =>
      el.getAttribute('data-platform-id'),
    );
    expect(order).toEqual(['a', 'b', 'c']);
    expect(fake.calls.filter((c) => c.method === 'RestorePlatform')).toEqual([
      { method: 'RestorePlatform', args: ['b'] },
    ]);
  });

  it('shows the backend message when removing fails', async () => {
    const fake = installFakeBackend([platform({ id: 'a', name: 'Alpha' })]);
    const user = userEvent.setup();
    render(App);
    await waitFor(() => expect(card('a')).not.toBeNull());
    fake.failNext('UnwatchPlatform', 'the archive is read-only');
    await user.click(screen.getByRole('button', { name: 'Remove Alpha' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The archive is read-only');
    expect(card('a')).not.toBeNull();
  });

  it('explains a failed load and retries', async () => {
    const fake = installFakeBackend([platform({ id: 'a', name: 'Alpha' })]);
    fake.failNext('Watchlist', 'the archive at /x cannot be opened: permission denied');
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('heading', { name: 'Your watchlist could not be loaded' })).toBeInTheDocument();
    expect(screen.getByText(/permission denied/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Try again/ }));
    await waitFor(() => expect(card('a')).not.toBeNull());
  });

  it('reloads when the backend reports a change', async () => {
    const fake = installFakeBackend([]);
    render(App);
    await screen.findByTestId('empty-state');
    fake.platforms.push(platform({ id: 'z', name: 'Zed' }));
    fake.emit('watchlist:changed');
    await waitFor(() => expect(card('z')).not.toBeNull());
  });
});
