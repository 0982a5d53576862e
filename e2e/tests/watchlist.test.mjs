import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appURL, backend, launch, openPage, screenshot, startSite, termsPage } from '../support.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const card = (page, id) => page.locator(`[data-testid="platform"][data-platform-id="${id}"]`);

test('add a platform from the catalog, keep it across reloads, remove and undo', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(appURL());

    const empty = page.getByTestId('empty-state');
    await empty.getByRole('heading', { name: 'Add the platforms you rely on' }).waitFor();
    // Suggestions come from the catalog; wait for them so the picture is whole.
    await empty.getByRole('button', { name: 'Watch Claude' }).waitFor();
    await screenshot(page, 'empty-state.png');

    await empty.getByRole('button', { name: 'Browse the catalog' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add platforms' });
    await dialog.waitFor();
    const search = dialog.getByRole('searchbox', { name: 'Search the catalog' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Search the catalog');

    await search.fill('claude');
    const claude = dialog.locator('[data-testid="catalog-entry"][data-platform-id="claude"]');
    await claude.waitFor();
    // The debounced search settles on matches only.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="catalog-entry"]')].every((el) =>
        /claude|anthropic/i.test(el.textContent ?? ''),
      ),
    );
    await screenshot(page, 'add-dialog-search.png');

    await claude.getByRole('button', { name: 'Add Claude' }).click();
    await claude.getByText('Watching').waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    const claudeCard = card(page, 'claude');
    await claudeCard.waitFor();
    assert.equal((await claudeCard.getByTestId('status').innerText()).trim(), 'Not checked yet');
    assert.match(await claudeCard.innerText(), /Anthropic/);
    assert.equal(await claudeCard.getByTestId('last-check').count(), 0);

    await page.reload();
    await card(page, 'claude').waitFor();
    assert.equal((await card(page, 'claude').getByTestId('status').innerText()).trim(), 'Not checked yet');

    await card(page, 'claude').getByRole('button', { name: 'Remove Claude' }).click();
    await card(page, 'claude').waitFor({ state: 'detached' });
    const toast = page.getByTestId('toast').filter({ hasText: 'Claude is no longer watched' });
    await toast.waitFor();
    await screenshot(page, 'undo-toast.png');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await card(page, 'claude').waitFor();
    assert.equal((await card(page, 'claude').getByTestId('status').innerText()).trim(), 'Not checked yet');

    await card(page, 'claude').getByRole('button', { name: 'Remove Claude' }).click();
    await card(page, 'claude').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    assert.equal(await card(page, 'claude').count(), 0);
    assert.deepEqual(await backend(page, 'Watchlist'), []);

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('add by URL shows the backend validation inline, then adds the page', async () => {
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(appURL());
    await page.getByTestId('empty-state').getByRole('button', { name: 'Add by URL' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add platforms' });
    await dialog.getByRole('tab', { name: 'By URL', selected: true }).waitFor();

    await dialog.getByLabel('Name').fill('Acme Cloud');
    await dialog.getByRole('button', { name: 'Add to watchlist' }).click();
    const error = dialog.getByTestId('form-error');
    await error.waitFor();
    assert.match(await error.innerText(), /address of the page/i);
    const urlField = dialog.getByLabel('Page address');
    assert.equal(await urlField.getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'add-by-url-error.png');

    await urlField.fill('ftp://acme.example/terms');
    await dialog.getByRole('button', { name: 'Add to watchlist' }).click();
    await dialog
      .getByTestId('form-error')
      .filter({ hasText: /only http and https/i })
      .waitFor();

    await urlField.fill('https://acme.example/legal/terms');
    await dialog.getByLabel('Document type').selectOption('Terms of Service');
    await dialog.getByRole('button', { name: 'Add to watchlist' }).click();
    await dialog.waitFor({ state: 'detached' });

    const acme = page.locator('[data-testid="platform"]').filter({ hasText: 'Acme Cloud' });
    await acme.waitFor();
    assert.match(await acme.innerText(), /acme\.example/);

    // A second platform from the catalog, for the two-platform picture.
    await page.getByRole('button', { name: 'Add platforms' }).click();
    const search = page.getByRole('searchbox', { name: 'Search the catalog' });
    await search.fill('whatsapp');
    await page.getByRole('button', { name: 'Add WhatsApp' }).click();
    await page.getByRole('dialog').getByText('Watching').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await card(page, 'whatsapp').waitFor();
    await page.getByTestId('toast').first().waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await screenshot(page, 'watchlist-two.png');

    await page.emulateMedia({ colorScheme: 'dark' });
    // Colours ease between schemes; picture the settled state.
    await page.waitForFunction(() => document.getAnimations().length === 0);
    await screenshot(page, 'watchlist-two-dark.png');

    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('add by URL previews what would be kept, or says why not, before adding', async () => {
  const site = await startSite({
    '/legal/terms': [
      200,
      termsPage('Preview Co Terms of Service', [
        ['Your account', 'You are responsible for your account.'],
        ['Your content', 'You keep the rights to what you upload.'],
        ['Ending the service', 'You may close your account at any time.'],
      ]),
    ],
  });
  const { context, page, problems } = await openPage(browser);
  try {
    await page.goto(appURL());
    await page
      .getByRole('button', { name: /Add by URL|Add platforms/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: 'Add platforms' });
    await dialog.getByRole('tab', { name: 'By URL' }).click();
    const preview = dialog.getByTestId('url-preview');
    await preview.waitFor();

    await dialog.getByLabel('Page address').fill(site.url('/legal/terms'));
    const text = preview.getByTestId('preview-text');
    await text.getByRole('heading', { name: 'Preview Co Terms of Service' }).waitFor();
    assert.match(await preview.getByTestId('preview-words').innerText(), /^\d+ words$/);
    assert.match(await text.innerText(), /Your account/);
    await screenshot(page, 'add-by-url-preview.png');

    await dialog.getByLabel('Page address').fill(site.url('/legal/gone'));
    const problem = preview.getByTestId('preview-error');
    await problem.waitFor();
    assert.equal(await problem.getAttribute('data-kind'), 'gone');
    assert.match(await problem.innerText(), /not found/i);
    assert.match(await problem.innerText(), /404/);
    assert.equal(await preview.getByTestId('preview-text').count(), 0);

    // A preview never adds anything.
    const listed = await backend(page, 'Watchlist');
    assert.equal(listed.length, listed.filter((p) => !/preview/i.test(p.name)).length);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await site.close();
  }
});
