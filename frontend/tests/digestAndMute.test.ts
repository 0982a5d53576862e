import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { Digest, Settings } from '../src/lib/api';
import { toasts } from '../src/lib/toasts.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import {
  historyFixture,
  installFakeBackend,
  platform,
  uninstallFakeBackend,
  type FakeBackend,
  settingsFixture as settings,
} from './fakeBackend';

const claude = platform({ id: 'claude', name: 'Claude', company: 'Anthropic' });
const chatgpt = platform({ id: 'chatgpt', name: 'ChatGPT', muted: true });

/** Gives the fake SetMuted and Digest, which keep the muted flags in step. */
function withMuting(fake: FakeBackend, opts: { failMute?: string } = {}) {
  Object.assign(fake.app, {
    SetMuted: async (id: string, muted: boolean) => {
      fake.calls.push({ method: 'SetMuted', args: [id, muted] });
      if (opts.failMute) return Promise.reject(opts.failMute);
      const p = fake.platforms.find((x) => x.id === id);
      if (!p) return Promise.reject('that platform is no longer on your watchlist');
      p.muted = muted;
    },
    Digest: async (): Promise<Digest> => {
      fake.calls.push({ method: 'Digest', args: [] });
      const material = historyFixture[0]!.changes.filter((c) => c.class === 'material');
      return {
        from: '2026-07-02T09:00:00Z',
        to: '2026-07-09T09:00:00Z',
        platforms: 1,
        changes: material.map((c) => ({
          change: structuredClone(c),
          muted: fake.platforms.find((p) => p.id === c.platform)?.muted === true,
        })),
      };
    },
  });
}

function reset() {
  watchlist.platforms = [];
  watchlist.loaded = false;
  watchlist.error = '';
  toasts.clear();
  location.hash = '';
}
beforeEach(reset);
afterEach(() => {
  uninstallFakeBackend();
  reset();
});

describe('muting a platform', () => {
  it('turns notifications off from the platform page and marks the card', async () => {
    const fake = installFakeBackend([claude, chatgpt]);
    withMuting(fake);
    const user = userEvent.setup();
    render(App);
    const cards = await screen.findAllByTestId('platform');
    const card = (id: string) => cards.find((c) => c.getAttribute('data-platform-id') === id)!;
    expect(within(card('chatgpt')).getByTestId('muted')).toHaveTextContent('Notifications muted');
    expect(within(card('claude')).queryByTestId('muted')).toBeNull();

    await user.click(within(card('claude')).getByRole('link', { name: 'Claude' }));
    const toggle = await screen.findByRole('switch', { name: 'Mute notifications' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(fake.calls.at(-1)).toEqual({ method: 'SetMuted', args: ['claude', true] }));
    expect(toggle).toBeChecked();
    await waitFor(() =>
      expect(toasts.items.map((t) => t.message)).toContain(
        'No more notifications about Claude; its changes are still listed.',
      ),
    );
    expect(watchlist.platforms.find((p) => p.id === 'claude')?.muted).toBe(true);

    await user.click(toggle);
    await waitFor(() => expect(fake.calls.at(-1)).toEqual({ method: 'SetMuted', args: ['claude', false] }));
    expect(toggle).not.toBeChecked();
  });

  it('moves the switch back and says why when muting fails', async () => {
    const fake = installFakeBackend([claude]);
    withMuting(fake, { failMute: 'the archive is read-only' });
    const user = userEvent.setup();
    location.hash = '#/platform/claude';
    render(App);
    const toggle = await screen.findByRole('switch', { name: 'Mute notifications' });
    await user.click(toggle);
    await waitFor(() => expect(toasts.items.map((t) => t.message)).toContain('The archive is read-only'));
    expect(toggle).not.toBeChecked();
  });

  it('has no switch when the backend cannot mute', async () => {
    installFakeBackend([claude]);
    location.hash = '#/platform/claude';
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Claude' });
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('this week', () => {
  it('lists the week’s material changes with their summaries and which are muted', async () => {
    const fake = installFakeBackend([{ ...claude, muted: true }]);
    withMuting(fake);
    const user = userEvent.setup();
    location.hash = '#/changes';
    render(App);
    const views = await screen.findByRole('navigation', { name: 'Views' });
    expect(within(views).getByRole('link', { name: 'All changes' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(views).getByRole('link', { name: 'This week' }));
    await waitFor(() => expect(location.hash).toBe('#/changes/week'));
    const digest = await screen.findByTestId('digest');
    await waitFor(() => expect(within(digest).getAllByTestId('digest-change')).toHaveLength(1));
    const row = within(digest).getByTestId('digest-change');
    expect(row).toHaveTextContent('Claude · Privacy Policy');
    expect(row).toHaveTextContent('1 section changed (Data Retention)');
    expect(row).toHaveTextContent('Muted');
    expect(within(digest).getByTestId('digest-period')).toHaveTextContent('1 material change on 1 platform');
    expect(within(row).getByRole('link', { name: /Claude/ })).toHaveAttribute('href', '#/history/claude/2/13');
    expect(screen.queryByRole('group', { name: 'Filters' })).toBeNull();
  });

  it('says when nothing material happened', async () => {
    const fake = installFakeBackend([claude]);
    withMuting(fake);
    fake.app.Digest = async () => ({ from: '', to: '', platforms: 0, changes: [] });
    location.hash = '#/changes/week';
    render(App);
    expect(await screen.findByTestId('digest')).toHaveTextContent('Nothing material this week');
  });

  it('opens when the weekly notification is clicked', async () => {
    const fake = installFakeBackend([claude]);
    withMuting(fake);
    render(App);
    await screen.findByTestId('platform');
    fake.emit('digest:open');
    await waitFor(() => expect(location.hash).toBe('#/changes/week'));
    expect(await screen.findByTestId('digest')).toBeInTheDocument();
  });
});

describe('data folder', () => {
  it('opens in the file manager, or says why not and leaves the path to copy', async () => {
    const fake = installFakeBackend([claude]);
    let opened = 0;
    let fail = '';
    Object.assign(fake.app, {
      Settings: async () => ({ ...settings }),
      SaveSettings: async (s: Settings) => ({ ...s }),
      OpenDataFolder: async () => {
        if (fail) return Promise.reject(fail);
        opened++;
      },
    });
    const user = userEvent.setup();
    location.hash = '#/settings';
    render(App);
    const open = await screen.findByRole('button', { name: 'Open folder' });
    await user.click(open);
    await waitFor(() => expect(opened).toBe(1));
    expect(screen.queryByTestId('folder-error')).toBeNull();

    fail = 'opening folders is not available here';
    await user.click(open);
    expect(await screen.findByTestId('folder-error')).toHaveTextContent(
      'Opening folders is not available here Copy the path instead',
    );
    expect(screen.getByTestId('data-dir')).toHaveTextContent('/home/someone/.local/share/fineprint');
  });
});

describe('export and import paths', () => {
  afterEach(() => {
    delete window.go?.main;
  });

  /** Gives the fake the settings and the archive transfer methods. */
  function withTransfer(fake: FakeBackend) {
    Object.assign(fake.app, {
      Settings: async () => ({ ...settings }),
      SaveSettings: async (s: Settings) => ({ ...s }),
      SuggestExportPath: async () => '/home/someone/fineprint-archive-2026-07-09.sqlite',
      ExportArchive: async (p: string) => p,
      ImportArchive: async () => ({ platforms: 0, documents: 0, versions: 0, changes: 0, checks: 0 }),
    });
  }

  it('come from the system file dialogs in the desktop window, and stay typed when cancelled', async () => {
    const fake = installFakeBackend([claude]);
    withTransfer(fake);
    let suggested = '';
    let cancel = false;
    window.go = {
      ...window.go,
      main: {
        Window: {
          Quit: async () => {},
          RunsInBackground: async () => true,
          ChooseExportPath: async (s: string) => {
            suggested = s;
            return cancel ? '' : '/media/usb/backup.sqlite';
          },
          ChooseImportPath: async () => (cancel ? '' : '/media/usb/old.sqlite'),
        },
      },
    };
    const user = userEvent.setup();
    location.hash = '#/settings';
    render(App);
    const [chooseExport, chooseImport] = await screen.findAllByRole('button', { name: 'Choose…' });
    await waitFor(() =>
      expect(screen.getByLabelText('Export the whole archive to')).toHaveValue(
        '/home/someone/fineprint-archive-2026-07-09.sqlite',
      ),
    );
    await user.click(chooseExport!);
    await waitFor(() =>
      expect(screen.getByLabelText('Export the whole archive to')).toHaveValue('/media/usb/backup.sqlite'),
    );
    expect(suggested).toBe('/home/someone/fineprint-archive-2026-07-09.sqlite');
    await user.click(chooseImport!);
    await waitFor(() =>
      expect(screen.getByLabelText('Merge an exported archive from')).toHaveValue('/media/usb/old.sqlite'),
    );
    cancel = true;
    await user.click(chooseImport!);
    expect(screen.getByLabelText('Merge an exported archive from')).toHaveValue('/media/usb/old.sqlite');
  });

  it('are typed where there is no desktop window', async () => {
    const fake = installFakeBackend([claude]);
    withTransfer(fake);
    location.hash = '#/settings';
    render(App);
    await screen.findByLabelText('Export the whole archive to');
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull();
  });
});
