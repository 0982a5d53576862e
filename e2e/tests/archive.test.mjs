// Every screen on an archive seeded from real version histories (Claude,
// ChatGPT, Facebook from ../shared/corpus), in light and dark.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { backend, launch, noSeed, openPage, screenshot, seededURL, settle } from '../support.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const go = async (page, hash) => {
  await page.goto(`${seededURL()}/${hash}`);
};

test('the seeded watchlist, a platform and its history with a real diff', { skip: noSeed }, async () => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  try {
    await go(page, '#/watchlist');
    for (const id of ['claude', 'chatgpt', 'facebook']) {
      await page.locator(`[data-testid="platform"][data-platform-id="${id}"]`).waitFor();
    }
    await settle(page);
    await screenshot(page, 'seeded-watchlist.png');

    await page.getByRole('link', { name: 'Claude', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Claude' }).waitFor();
    await page.getByTestId('change').first().waitFor();
    // Findings grouped by kind, serious first, each clause one click from
    // its place in the archive.
    const group = page.getByTestId('finding-group').first();
    await group.waitFor();
    await settle(page);
    await screenshot(page, 'platform.png');
    await group.locator('summary').click();
    const quote = group.getByTestId('quote-link').first();
    await quote.click();
    await page.locator('[data-testid="version-text"] mark.quote-mark').first().waitFor();
    await page.goBack();

    const privacy = page.locator('[data-testid="document"]').filter({ hasText: 'Privacy Policy' });
    await privacy.getByRole('link', { name: /^History/ }).click();
    await page.getByTestId('change-summary').waitFor();
    const versions = await page.getByTestId('version').count();
    assert.ok(versions > 5, `Claude's privacy policy has ${versions} versions`);
    const marked = await page.locator('[data-testid="version"][data-class="material"]').count();
    assert.ok(marked > 0, 'material changes are marked on the timeline');
    // Changed sections first, unchanged folded after them.
    const kinds = await page.getByTestId('diff-section').evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.length > 0 && !kinds.includes('unchanged'), `kinds: ${kinds}`);
    await settle(page);
    await screenshot(page, 'history-diff.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await screenshot(page, 'history-diff-dark.png');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('search the archive and open a hit', { skip: noSeed }, async () => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  try {
    await go(page, '#/watchlist');
    await page.locator('[data-testid="platform"]').first().waitFor();
    await page.keyboard.press('Control+f');
    const box = page.getByRole('searchbox', { name: 'Search the archive' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'search');
    await box.fill('arbitration');
    const hit = page.getByTestId('hit').first();
    await hit.waitFor();
    assert.ok((await hit.locator('mark').count()) > 0, 'matches are highlighted');
    assert.match((await hit.locator('mark').first().innerText()).toLowerCase(), /arbitration/);
    await settle(page);
    await screenshot(page, 'search.png');
    await hit.click();
    await page.getByTestId('version-text').waitFor();
    assert.match((await page.getByTestId('version-text').innerText()).toLowerCase(), /arbitration/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('recent changes across platforms, marked read', { skip: noSeed }, async () => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  try {
    await go(page, '#/changes');
    await page.getByLabel('Period').selectOption('all');
    const rows = page.getByTestId('change');
    await rows.first().waitFor();
    const platforms = new Set(
      await rows.evaluateAll((els) => els.map((e) => e.querySelector('a')?.textContent?.split('·')[0]?.trim())),
    );
    assert.ok(platforms.size >= 2, `changes from ${[...platforms]}`);
    await settle(page);
    await screenshot(page, 'changes.png');
    const first = rows.first();
    const id = await first.getAttribute('data-change-id');
    await first.getByRole('button', { name: /as read/ }).click();
    await page.locator(`[data-change-id="${id}"] button`).waitFor({ state: 'detached' });
    const all = await backend(page, 'Changes', '', false);
    assert.equal(all.find((c) => String(c.id) === id)?.read, true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test("what happens if I chat with an AI, and the quote's place in the archive", { skip: noSeed }, async (t) => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  try {
    await go(page, '#/watchlist');
    await page.locator('[data-testid="platform"]').first().waitFor();
    if (!(await page.evaluate(() => typeof window.go.app.App.Explain === 'function'))) {
      t.skip('the backend has no Explain yet');
      return;
    }
    await page.getByRole('link', { name: /What happens if I/ }).click();
    await page.getByRole('link', { name: /Chat with an AI/ }).click();
    await page.getByLabel('Platform').selectOption('claude');
    const e = page.getByTestId('explanation');
    await e.waitFor();
    assert.ok((await e.getByTestId('headline').innerText()).length > 20);
    await settle(page);
    await screenshot(page, 'explain.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await screenshot(page, 'explain-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });

    const link = e.getByTestId('quote-link').first();
    await link.click();
    const mark = page.locator('[data-testid="version-text"] mark.quote-mark').first();
    await mark.waitFor();
    assert.ok(await mark.isVisible());

    // All platforms side by side, then the terms of a past date.
    await page.goBack();
    await page.getByLabel('Platform').selectOption('all');
    await page.getByTestId('side-by-side').waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="side-by-side"] [data-testid="explanation"]').length >= 3,
    );
    await settle(page);
    await screenshot(page, 'explain-side-by-side.png');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('compare one clause across platforms', { skip: noSeed }, async (t) => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  try {
    await go(page, '#/compare/ai-training');
    await page.waitForFunction(() => document.readyState === 'complete');
    if (!(await page.evaluate(() => typeof window.go.app.App.Compare === 'function'))) {
      t.skip('the backend has no Compare yet');
      return;
    }
    const rows = page.getByTestId('comparison-row');
    await rows.first().waitFor();
    assert.deepEqual((await rows.evaluateAll((els) => els.map((e) => e.dataset.platform))).sort(), [
      'chatgpt',
      'claude',
      'facebook',
    ]);
    await settle(page);
    await screenshot(page, 'compare.png');
    await page.getByLabel('Clause').selectOption('arbitration');
    await page.waitForURL(/#\/compare\/arbitration/);
    await rows.first().waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('settings: save a preference and export the archive', { skip: noSeed }, async (t) => {
  const { context, page, problems } = await openPage(browser, { url: seededURL() });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fineprint-export-'));
  try {
    await go(page, '#/settings');
    await page.waitForFunction(() => document.readyState === 'complete');
    if (!(await page.evaluate(() => typeof window.go.app.App.Settings === 'function'))) {
      t.skip('the backend has no Settings yet');
      return;
    }
    await page.getByTestId('data-dir').waitFor();
    await page.getByLabel('Check for changes').selectOption('12');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Settings saved.' }).waitFor();
    assert.equal((await backend(page, 'Settings')).checkIntervalHours, 12);
    await settle(page);
    await screenshot(page, 'settings.png');

    const file = path.join(dir, 'copy.sqlite');
    await page.getByLabel('Export the whole archive to').fill(file);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Archive exported to' }).waitFor();
    assert.ok(existsSync(file), 'the export was written');
    // Exporting over it again is refused with a reason.
    await page.getByRole('button', { name: 'Export' }).click();
    await page
      .getByTestId('transfer-error')
      .filter({ hasText: /already exists/ })
      .waitFor();
    assert.deepEqual(problems, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await context.close();
  }
});
