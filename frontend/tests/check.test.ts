import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../src/App.svelte';
import type { CheckResult } from '../src/lib/api';
import { adviceFor, check, resultSentence, summarise } from '../src/lib/check.svelte';
import { toasts } from '../src/lib/toasts.svelte';
import { watchlist } from '../src/lib/watchlist.svelte';
import { installFakeBackend, platform, uninstallFakeBackend } from './fakeBackend';

function reset() {
  watchlist.platforms = [];
  watchlist.loaded = false;
  watchlist.error = '';
  check.running = false;
  check.starting = false;
  check.finished = null;
  check.results = {};
  check.scope = [];
  toasts.clear();
  location.hash = '';
}

beforeEach(reset);
afterEach(() => {
  uninstallFakeBackend();
  reset();
});

const doc = (id: number, type: string) => ({
  id,
  type,
  url: `https://example.com/${id}`,
  versions: 1,
  lastCheck: '',
  lastOutcome: '' as const,
  error: '',
});

const claude = platform({
  id: 'claude',
  name: 'Claude',
  status: 'up-to-date',
  documents: [doc(1, 'Terms of Service'), doc(2, 'Privacy Policy')],
});

const result = (over: Partial<CheckResult> & { document_id: number }): CheckResult => ({
  platform: 'claude',
  type: 'Terms of Service',
  url: 'https://example.com/1',
  outcome: 'unchanged',
  class: null,
  version_id: null,
  summary: '',
  error: null,
  ...over,
});

const card = () => document.querySelector<HTMLElement>('[data-testid="platform"][data-platform-id="claude"]')!;

describe('check now', () => {
  it('shows overall and per-platform progress, then the results in place', async () => {
    const fake = installFakeBackend([claude]);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(fake.calls.find((c) => c.method === 'CheckNow')?.args).toEqual([[]]);

    fake.emit('check:progress', { done: 0, total: 2, current: '' });
    const panel = await screen.findByTestId('check-panel');
    await waitFor(() => expect(panel).toHaveTextContent('Checking 0 of 2 documents'));
    expect(within(card()).getByTestId('status')).toHaveAttribute('data-status', 'checking');
    const bar = within(card()).getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuenow', '0');

    fake.emit('check:progress', {
      done: 1,
      total: 2,
      current: 'claude Terms of Service',
      last: result({ document_id: 1 }),
    });
    await waitFor(() => expect(within(card()).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1'));
    const docs = within(card()).getAllByTestId('document');
    expect(docs.map((d) => d.dataset.check)).toEqual(['done', 'waiting']);
    expect(within(panel).getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', '1');

    // The backend updates the archive, then reports; the watchlist reloads.
    fake.platforms = [{ ...claude, status: 'failed', statusText: 'Privacy Policy: the site did not answer' }];
    fake.checking = false;
    fake.emit('check:done', [
      result({ document_id: 1 }),
      result({
        document_id: 2,
        type: 'Privacy Policy',
        outcome: 'failed',
        error: { kind: 'transient', message: 'the site did not answer in 30 s' },
      }),
    ]);
    const done = await screen.findByTestId('check-result');
    expect(done).toHaveTextContent('Checked 1 document: no changes, 1 could not be checked.');
    expect(within(done).getByTestId('check-failures')).toHaveTextContent(
      'Claude · Privacy Policy: the site did not answer in 30 s',
    );
    expect(done).toHaveTextContent(adviceFor('transient'));
    await waitFor(() => expect(within(card()).getByTestId('status')).toHaveAttribute('data-status', 'failed'));
    expect(within(card()).queryByRole('progressbar')).toBeNull();

    await user.click(within(done).getByRole('button', { name: 'Dismiss the check results' }));
    expect(screen.queryByTestId('check-result')).toBeNull();
  });

  it('checks one platform from its card and can be cancelled', async () => {
    const fake = installFakeBackend([
      claude,
      platform({ id: 'chatgpt', name: 'ChatGPT', documents: [doc(9, 'Terms')] }),
    ]);
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Check Claude now' }));
    expect(fake.calls.find((c) => c.method === 'CheckNow')?.args).toEqual([['claude']]);
    fake.emit('check:progress', { done: 0, total: 2, current: '' });
    await screen.findByTestId('check-panel');
    const other = document.querySelector<HTMLElement>('[data-platform-id="chatgpt"]')!;
    expect(within(other).getByTestId('status')).not.toHaveAttribute('data-status', 'checking');
    expect(screen.getByRole('button', { name: 'Check ChatGPT now' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.some((c) => c.method === 'CancelCheck')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('check-panel')).toHaveTextContent('Stopping'));
    fake.emit('check:done', [
      result({ document_id: 1 }),
      result({ document_id: 2, outcome: 'failed', error: { kind: 'cancelled', message: 'The check was cancelled.' } }),
    ]);
    const done = await screen.findByTestId('check-result');
    expect(done).toHaveTextContent('Checked 1 document: no changes, 1 skipped (cancelled).');
    expect(within(done).queryByTestId('check-failures')).toBeNull();
  });

  it('says why a check could not start', async () => {
    const fake = installFakeBackend([claude]);
    fake.failNext('CheckNow', 'a check is already running');
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: 'Check now' }));
    const toast = await screen.findByTestId('toast');
    expect(toast).toHaveTextContent('A check is already running');
    expect(screen.queryByTestId('check-panel')).toBeNull();
  });

  it('lists changes found with a link to the platform', () => {
    const s = summarise([
      result({ document_id: 1, outcome: 'changed', summary: '1 section changed' }),
      result({ document_id: 2, outcome: 'new' }),
    ]);
    expect(s.changed).toHaveLength(1);
    expect(s.checked).toBe(2);
    expect(adviceFor('no-such-kind')).toMatch(/Try again later/);
  });
});

describe('first check', () => {
  it('says a first copy was kept rather than "no changes"', () => {
    const s = summarise([result({ document_id: 1, outcome: 'new' })]);
    expect(s.first).toBe(1);
    expect(s.changed).toHaveLength(0);
  });
});

describe('the result sentence', () => {
  const fail = (id: number, kind = 'transient') =>
    result({ document_id: id, outcome: 'failed', error: { kind, message: 'x' } });
  it.each([
    [[result({ document_id: 1, outcome: 'changed' })], 'Checked 1 document: 1 change found.'],
    [
      [result({ document_id: 1, outcome: 'new' }), result({ document_id: 2, outcome: 'new' })],
      'Checked 2 documents: 2 first copies kept.',
    ],
    [[fail(1)], '1 document could not be checked.'],
    [
      [result({ document_id: 1 }), fail(2), fail(3, 'cancelled')],
      'Checked 1 document: no changes, 1 could not be checked, 1 skipped (cancelled).',
    ],
    [[], 'Nothing was checked.'],
  ])('%#', (results, sentence) => {
    expect(resultSentence(summarise(results))).toBe(sentence);
  });
});
