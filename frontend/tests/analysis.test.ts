import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { Comparison, Evidence, Explanation, Settings } from '../src/lib/api';
import { byteSlice, markQuote } from '../src/lib/markdown';
import { toasts } from '../src/lib/toasts.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import {
  installFakeBackend,
  platform,
  uninstallFakeBackend,
  type FakeBackend,
  settingsFixture as settings,
} from './fakeBackend';

const evidence: Evidence = {
  document: 'Privacy Policy',
  document_id: 2,
  version_date: '2026-07-08T22:31:40Z',
  version_id: 13,
  quote: 'We may use your chats to train [our models](https://example.com/models).',
  start: 10,
  end: 80,
  kinds: ['ai-training'],
  modifiers: [],
  severity: 'high',
};

function explanation(platformId: string, name: string, at = '2026-11-29T08:00:00Z'): Explanation {
  return {
    platform: platformId,
    platform_name: name,
    action: 'chat-with-ai',
    action_title: 'Chat with an AI',
    at,
    headline: `What you type into ${name} may be used to train its AI.`,
    points: ['It may use your data to train its AI.'],
    evidence: [evidence],
    you_can: [{ text: 'You can opt out of AI training.', evidence: { ...evidence, severity: 'low' } }],
    legal: [{ jurisdiction: 'EU and EEA', law: 'GDPR Art. 5(1)(b), Art. 6', note: 'No reuse for unrelated purposes.' }],
    disclaimer: 'This is information, not legal advice.',
    says_nothing: ['law-enforcement'],
    others: [],
    documents: [{ document: 'Privacy Policy', version_id: 13, version_date: '2026-07-08T22:31:40Z' }],
  };
}

function withAnalysis(fake: FakeBackend) {
  const record = (method: string, args: unknown[]) => fake.calls.push({ method, args });
  Object.assign(fake.app, {
    Actions: async () => [
      {
        id: 'chat-with-ai',
        title: 'Chat with an AI',
        description: 'You type personal details into an AI chat.',
        icon: 'message',
        kinds: ['ai-training'],
      },
      {
        id: 'accept-cookies',
        title: 'Accept all cookies',
        description: 'You click Accept all.',
        icon: 'cookie',
        kinds: [],
      },
    ],
    Kinds: async () => [
      { id: 'ai-training', label: 'Used for AI training', group: 'AI and content' },
      { id: 'law-enforcement', label: 'Law enforcement', group: 'Sharing' },
    ],
    Explain: async (id: string, action: string, at: string) => {
      record('Explain', [id, action, at]);
      if (id === 'chatgpt' && at === '2001-01-01')
        return Promise.reject('nothing was archived for ChatGPT on 2001-01-01');
      const p = fake.platforms.find((x) => x.id === id)!;
      return explanation(id, p.name, at ? `${at}T23:59:59Z` : undefined);
    },
    Compare: async (kind: string, at: string): Promise<Comparison> => {
      record('Compare', [kind, at]);
      return {
        kind,
        label: 'Used for AI training',
        at: '2026-11-29T08:00:00Z',
        platforms: [
          {
            platform: 'claude',
            name: 'Claude',
            archived: true,
            found: true,
            severity: 'high',
            modifiers: [],
            point: 'It may use your data to train its AI.',
            evidence: [evidence, evidence],
          },
          {
            platform: 'chatgpt',
            name: 'ChatGPT',
            archived: true,
            found: false,
            modifiers: [],
            point: 'The terms say nothing about it.',
            evidence: [],
          },
        ],
        says_nothing: ['chatgpt'],
        legal: [],
        disclaimer: '',
      };
    },
    Settings: async () => ({ ...settings }),
    SaveSettings: async (s: Settings) => {
      record('SaveSettings', [s]);
      if (s.checkIntervalHours < 1) return Promise.reject('check at least once a month');
      return { ...s };
    },
  });
  window.go = { app: { App: fake.app } };
}

const two = [platform({ id: 'claude', name: 'Claude' }), platform({ id: 'chatgpt', name: 'ChatGPT' })];

function reset() {
  watchlist.platforms = [];
  watchlist.loaded = false;
  toasts.clear();
  location.hash = '';
}
beforeEach(reset);
afterEach(() => {
  uninstallFakeBackend();
  reset();
});

describe('screens that need the analysis', () => {
  it('stay out of the sidebar until the backend has them', async () => {
    installFakeBackend(two);
    render(App);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: /What happens/ })).toBeNull();
    expect(within(nav).queryByRole('link', { name: /Compare/ })).toBeNull();
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent?.trim()),
    ).toEqual(['Watchlist', 'Changes', 'Search']);
  });
});

describe('what happens if I…', () => {
  it('explains an action for one platform with quotes linked to the archive', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    const user = userEvent.setup();
    render(App);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: /What happens if I/ }));
    // The first action is explained until another is picked.
    await screen.findByTestId('explanation');
    await user.click((await screen.findAllByTestId('action'))[1]!);
    await waitFor(() => expect(location.hash).toBe('#/explain/accept-cookies'));
    await user.click((await screen.findAllByTestId('action'))[0]!);
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'Explain').map((c) => c.args[1])).toEqual([
        'chat-with-ai',
        'accept-cookies',
        'chat-with-ai',
      ]),
    );
    const e = await screen.findByTestId('explanation');
    expect(within(e).getByTestId('headline')).toHaveTextContent('What you type into Claude may be used to train');
    const quote = within(e).getAllByTestId('quote')[0]!;
    // Link targets inside a quote are dropped: it reads as the page reads.
    expect(quote.querySelector('blockquote')).toHaveTextContent('We may use your chats to train our models.');
    expect(within(quote).getByTestId('quote-link')).toHaveAttribute('href', '#/read/13/10/80');
    expect(e).toHaveTextContent('You can opt out of AI training.');
    expect(e).toHaveTextContent('GDPR Art. 5(1)(b), Art. 6');
    expect(e).toHaveTextContent('This is information, not legal advice.');
    expect(within(e).getByTestId('says-nothing')).toHaveTextContent('Law enforcement');
  });

  it('shows every platform side by side and reads the terms of a past date', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    const user = userEvent.setup();
    location.hash = '#/explain/chat-with-ai/claude';
    render(App);
    await screen.findByTestId('explanation');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'all');
    const side = await screen.findByTestId('side-by-side');
    await waitFor(() => expect(within(side).getAllByTestId('explanation')).toHaveLength(2));
    expect(side).toHaveTextContent('ChatGPT');

    const date = screen.getByLabelText('Terms as they stood on');
    await user.clear(date);
    await user.type(date, '2001-01-01');
    date.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(location.hash).toBe('#/explain/chat-with-ai/all/2001-01-01'));
    expect(await screen.findByTestId('problem')).toHaveTextContent('Nothing was archived for ChatGPT on 2001-01-01');
  });
});

describe('compare', () => {
  it('lines one kind up across platforms', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    location.hash = '#/compare';
    render(App);
    const rows = await screen.findAllByTestId('comparison-row');
    expect(fake.calls.find((c) => c.method === 'Compare')?.args).toEqual(['ai-training', '']);
    expect(rows.map((r) => r.dataset.platform)).toEqual(['claude', 'chatgpt']);
    expect(rows[0]).toHaveTextContent('Serious');
    expect(rows[0]).toHaveTextContent('1 more clause');
    expect(rows[1]).toHaveTextContent('Says nothing');
    expect(screen.getByText(/Silent on used for ai training: ChatGPT/)).toBeInTheDocument();
  });
});

describe('settings', () => {
  it('saves what changed and shows the data folder', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    const user = userEvent.setup();
    location.hash = '#/settings';
    render(App);
    expect(await screen.findByTestId('data-dir')).toHaveTextContent('/home/someone/.local/share/fineprint');
    const save = screen.getByRole('button', { name: 'Save settings' });
    expect(save).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Check for changes'), '168');
    await user.click(screen.getByLabelText('Start Fineprint when I log in'));
    expect(screen.queryByLabelText('From')).toBeNull();
    await user.click(screen.getByLabelText('Quiet hours'));
    expect(screen.getByLabelText('From')).toHaveValue('22:00');
    await user.click(save);
    const saved = fake.calls.find((c) => c.method === 'SaveSettings')?.args[0] as Settings;
    expect(saved.checkIntervalHours).toBe(168);
    expect(saved.autostart).toBe(true);
    expect([saved.quietStart, saved.quietEnd]).toEqual(['22:00', '07:00']);
    await waitFor(() => expect(toasts.items.some((t) => t.message === 'Settings saved.')).toBe(true));
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeDisabled();
    // Without export in the backend, the way to move an archive is still told.
    expect(screen.getByText(/fineprint export FILE/)).toBeInTheDocument();
    // Outside the desktop window there is nothing to quit.
    expect(screen.queryByRole('button', { name: 'Quit Fineprint' })).toBeNull();
  });

  it('offers to quit for good when the window runs the background checks', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    let quit = 0;
    window.go = {
      app: { App: fake.app },
      main: { Window: { RunsInBackground: async () => true, Quit: async () => void quit++ } },
    };
    const user = userEvent.setup();
    location.hash = '#/settings';
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Quit Fineprint' }));
    expect(quit).toBe(1);
  });

  it('exports and imports the archive, and says why an export failed', async () => {
    const fake = installFakeBackend(two);
    withAnalysis(fake);
    const written: string[] = [];
    Object.assign(fake.app, {
      SuggestExportPath: async () => '/home/someone/fineprint-archive-2026-11-29.sqlite',
      ExportArchive: async (p: string) => {
        if (written.includes(p))
          return Promise.reject(`the file already exists: ${p} already exists; choose another name`);
        written.push(p);
        return p;
      },
      ImportArchive: async () => ({ platforms: 1, documents: 2, versions: 5, changes: 3, checks: 0 }),
    });
    window.go = { app: { App: fake.app } };
    const user = userEvent.setup();
    location.hash = '#/settings';
    render(App);
    const field = await screen.findByLabelText('Export the whole archive to');
    await waitFor(() => expect(field).toHaveValue('/home/someone/fineprint-archive-2026-11-29.sqlite'));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() =>
      expect(toasts.items.some((t) => t.message.includes('exported to /home/someone/fineprint-archive'))).toBe(true),
    );
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByTestId('transfer-error')).toHaveTextContent('already exists; choose another name');
    await user.type(screen.getByLabelText('Merge an exported archive from'), '/tmp/other.sqlite');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await waitFor(() =>
      expect(toasts.items.some((t) => t.message === 'Merged 1 platform, 5 versions and 3 changes.')).toBe(true),
    );
  });
});

describe('quotes in the archived text', () => {
  it('finds a quote by its byte offsets and marks it across formatting', () => {
    const md = 'Über uns — We may use your chats to **train** models. Other text.';
    const start = new TextEncoder().encode('Über uns — ').length;
    const quote = byteSlice(
      md,
      start,
      start + new TextEncoder().encode('We may use your chats to **train** models.').length,
    );
    expect(quote).toBe('We may use your chats to **train** models.');
    const root = document.createElement('div');
    root.innerHTML = '<p>Über uns — We may use your chats to <strong>train</strong>\n models. Other text.</p>';
    const mark = markQuote(root, quote);
    expect(mark).not.toBeNull();
    expect([...root.querySelectorAll('mark')].map((m) => m.textContent).join('')).toBe(
      'We may use your chats to train\n models.',
    );
    expect(root.textContent).toBe('Über uns — We may use your chats to train\n models. Other text.');
    expect(markQuote(root, 'not in this text at all')).toBeNull();
  });
});

describe('platform findings', () => {
  it('groups the clauses by kind, serious first, with reasons and links, and the actions that apply', async () => {
    const fake = installFakeBackend([
      platform({ id: 'claude', name: 'Claude', documents: [] }),
      platform({ id: 'chatgpt', name: 'ChatGPT' }),
    ]);
    withAnalysis(fake);
    Object.assign(fake.app, {
      Findings: async () => [
        {
          kind: 'ai-training',
          label: 'Used for AI training',
          group: 'AI and content',
          severity: 'high',
          findings: [
            {
              document: 'Privacy Policy',
              documentId: 2,
              versionId: 13,
              versionDate: '2026-07-08T22:31:40Z',
              quote: 'Even if you opt out, we will use your chats for training.',
              start: 5,
              end: 60,
              severity: 'high',
              modifiers: ['despite-opt-out'],
              reasons: ['It applies even after you opt out.'],
            },
          ],
        },
      ],
    });
    window.go = { app: { App: fake.app } };
    const user = userEvent.setup();
    location.hash = '#/platform/claude';
    render(App);
    const groups = await screen.findAllByTestId('finding-group');
    expect(groups.map((g) => g.dataset.kind)).toEqual(['ai-training']);
    expect(groups[0]).toHaveTextContent('Used for AI training');
    expect(groups[0]).toHaveTextContent('Serious');
    await user.click(within(groups[0]!).getByText('Used for AI training'));
    expect(groups[0]).toHaveAttribute('open');
    expect(groups[0]).toHaveTextContent('It applies even after you opt out.');
    expect(within(groups[0]!).getByTestId('quote-link')).toHaveAttribute('href', '#/read/13/5/60');
    // Only the actions that depend on kinds these terms address.
    const actions = await screen.findAllByRole('link', { name: /Chat with an AI/ });
    expect(actions.length).toBeGreaterThan(0);
    expect(screen.queryByRole('link', { name: /Accept all cookies You click/ })).toBeNull();
  });
});
