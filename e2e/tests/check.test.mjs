// A new user's first check and the first change: a platform added by URL,
// served by a site on loopback whose terms change between two checks.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appURL, backend, launch, openPage, screenshot, settle, startSite, termsPage } from '../support.mjs';

let browser;
let site;

const v1 = termsPage('Terms of Service', [
  ['1. Your account', 'You need an account to use Loopback Notes.'],
  ['2. Your content', 'You keep ownership of the notes you write.'],
  ['3. Data retention', 'We keep your notes for 30 days after you delete your account.'],
  ['4. Changes to these terms', 'We will email you 30 days before any change takes effect.'],
]);
const v2 = termsPage('Terms of Service', [
  ['1. Your account', 'You need an account to use Loopback Notes.'],
  ['2. Your content', 'You keep ownership of the notes you write.'],
  ['3. Data retention', 'We keep your notes for five years after you delete your account.'],
  ['4. Training our models', 'We may use the notes you write to train our artificial intelligence models.'],
  ['5. Changes to these terms', 'We will email you 30 days before any change takes effect.'],
]);

before(async () => {
  browser = await launch();
  site = await startSite({ '/terms': [200, v1] });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const card = (page, name) => page.locator('[data-testid="platform"]').filter({ hasText: name });

test('check a platform, see its change on the watchlist, open the diff', async () => {
  const { context, page, problems } = await openPage(browser);
  let id = '';
  try {
    await page.goto(appURL());
    await page
      .getByRole('button', { name: /Add by URL|Add platforms/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Add platforms' });
    await dialog.getByRole('tab', { name: 'By URL' }).click();
    await dialog.getByLabel('Name').fill('Loopback Notes');
    await dialog.getByLabel('Page address').fill(site.url('/terms'));
    await dialog.getByLabel('Document type').selectOption('Terms of Service');
    await dialog.getByRole('button', { name: 'Add to watchlist' }).click();
    await dialog.waitFor({ state: 'detached' });
    const notes = card(page, 'Loopback Notes');
    await notes.waitFor();
    id = await notes.getAttribute('data-platform-id');

    // First check: a first copy is kept.
    await notes.getByRole('button', { name: 'Check Loopback Notes now' }).click();
    const result = page.getByTestId('check-result');
    await result.waitFor();
    assert.match(await result.innerText(), /Checked 1 document: 1 first copy kept/);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="platform"] [data-status]')?.getAttribute('data-status') === 'up-to-date',
    );

    // The site rewrites its terms; the second check finds it without a reload.
    site.pages['/terms'] = [200, v2];
    await notes.getByRole('button', { name: 'Check Loopback Notes now' }).click();
    await result.filter({ hasText: /1 change found/ }).waitFor();
    await notes.locator('[data-status="changed"]').waitFor();
    await notes.getByTestId('unread').waitFor();
    await settle(page);
    await screenshot(page, 'check-change-found.png');

    // The card opens the platform; its timeline leads to the diff.
    await notes.getByRole('link', { name: 'Loopback Notes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loopback Notes' }).waitFor();
    const change = page.getByTestId('change').first();
    await change.waitFor();
    assert.match(await change.innerText(), /Material change/);
    await change.getByRole('link', { name: 'Terms of Service' }).click();

    const summary = page.getByTestId('change-summary');
    await summary.waitFor();
    assert.match(await summary.innerText(), /Training our models/);
    const sections = page.getByTestId('diff-section');
    await sections.first().waitFor();
    const kinds = await sections.evaluateAll((els) => els.map((e) => e.dataset.kind));
    assert.ok(kinds.includes('added') && kinds.includes('changed'), `sections: ${kinds}`);
    const retention = sections.filter({ hasText: 'Data retention' });
    assert.match(await retention.getByLabel('Before').locator('del').first().innerText(), /30/);
    assert.match(await retention.getByLabel('After').locator('ins').first().innerText(), /five years/);
    // Unchanged sections are folded away.
    const folded = page.getByTestId('unchanged');
    assert.equal(await folded.getAttribute('open'), null);
    await settle(page);
    await screenshot(page, 'diff-side-by-side.png');

    await page.getByRole('button', { name: 'Inline' }).click();
    await page.locator('[data-testid="diff"][data-mode="inline"]').waitFor();
    assert.equal(await retention.getByLabel('Before').count(), 0);
    await page.getByRole('tab', { name: 'Read this version' }).click();
    await page.getByTestId('version-text').getByText('train our artificial intelligence models').waitFor();

    // Opening the diff read the change: the watchlist has no unread left.
    await page.goto(appURL());
    await card(page, 'Loopback Notes').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="platform"] [data-testid="unread"]'));

    // A page that disappears fails the check with a reason and advice.
    site.pages['/terms'] = [404, 'gone'];
    await card(page, 'Loopback Notes').getByRole('button', { name: 'Check Loopback Notes now' }).click();
    const failures = page.getByTestId('check-failures');
    await failures.waitFor();
    assert.match(await failures.innerText(), /Loopback Notes · Terms of Service:/);
    await card(page, 'Loopback Notes').locator('[data-status="failed"]').waitFor();
    await settle(page);
    await screenshot(page, 'check-failed.png');

    assert.deepEqual(problems, []);
  } finally {
    // Other test files expect an empty first-run archive.
    if (id) await backend(page, 'UnwatchPlatform', id).catch(() => {});
    await context.close();
  }
});
