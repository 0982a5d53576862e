// Policy text is shown as text: a page full of script, event handlers,
// javascript: links and remote images must run nothing and load nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { appURL, backend, launch, openPage, screenshot, startSite, termsPage } from '../support.mjs';

let browser;
let site;

const hostile = [
  '<p>Read this: <script>window.pwned=1</script>',
  '<img src=x onerror="window.pwned=2">',
  '<a href="javascript:window.pwned=3">click</a>',
  '<img src="http://203.0.113.9/pixel.gif" alt="pixel">',
  // Markup written as text on the page arrives in the archive as text.
  'and &lt;script&gt;window.pwned=4&lt;/script&gt; and &lt;img src=y onerror=window.pwned=5&gt;</p>',
  '<iframe src="http://203.0.113.9/frame"></iframe>',
  '<p><a href="https://example.org/help">help centre</a></p>',
].join('\n');

const sections = [
  ['1. Using the service', 'You may use Hostile Site for lawful purposes only.'],
  ['2. Privacy', 'We collect the data you give us and use it to run the service.'],
  ['3. Termination', 'We may close your account if you break these terms.'],
];

before(async () => {
  browser = await launch();
  site = await startSite({ '/terms': [200, termsPage('Terms of Service', sections, hostile)] });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('a hostile policy page shows as inert text in the version and the diff', async () => {
  const { context, page, problems } = await openPage(browser);
  let id = '';
  try {
    await page.goto(appURL());
    const added = await backend(page, 'WatchURL', {
      name: 'Hostile Site',
      type: 'Terms of Service',
      url: site.url('/terms'),
      select: [],
      remove: [],
    });
    id = added.id;
    await page.reload();
    const card = page.locator(`[data-testid="platform"][data-platform-id="${id}"]`);
    await card.getByRole('button', { name: 'Check Hostile Site now' }).click();
    await page.getByTestId('check-result').waitFor();

    // A second version, with more of the same, so there is a diff to show.
    site.pages['/terms'] = [
      200,
      termsPage(
        'Terms of Service',
        [...sections, ['4. Arbitration', 'Disputes go to arbitration.']],
        hostile + hostile,
      ),
    ];
    await page.getByRole('button', { name: 'Dismiss the check results' }).click();
    await card.getByRole('button', { name: 'Check Hostile Site now' }).click();
    await page
      .getByTestId('check-result')
      .filter({ hasText: /change found/ })
      .waitFor();

    await card.getByRole('link', { name: 'Hostile Site' }).click();
    await page.getByRole('link', { name: /^History/ }).click();
    await page.getByTestId('diff').waitFor();
    const diffText = await page.getByTestId('diff').innerText();
    await page.getByRole('tab', { name: 'Read this version' }).click();
    const text = page.getByTestId('version-text');
    await text.waitFor();
    await screenshot(page, 'hostile-version.png');

    // Nothing ran and nothing was built from the page's markup.
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    const planted = await page.evaluate(
      () =>
        document.querySelectorAll(
          'main script, main img, main iframe, main [onerror], main [onclick], main a[href^="javascript"]',
        ).length,
    );
    assert.equal(planted, 0);
    // Script written as text stays text (the page's own <script> is dropped
    // when the page is read).
    const body = await text.innerText();
    assert.match(body, /<script>window\.pwned=4<\/script>/);
    assert.doesNotMatch(body, /window\.pwned=1/);
    assert.match(diffText + body, /help centre/);

    // The javascript: link is inert; a web link goes to the system browser,
    // which the test bridge does not have, and the app says so.
    const click = text.getByText('click', { exact: true }).first();
    assert.equal(await click.evaluate((a) => a.getAttribute('href')), null);
    await click.click();
    await text.getByRole('link', { name: 'help centre' }).first().click();
    await page.getByTestId('toast').filter({ hasText: 'Opening pages is not available here' }).waitFor();
    assert.equal(page.url().startsWith(appURL()), true);
    assert.equal(await page.evaluate(() => window.pwned), undefined);

    // No request left the app's own origin: no pixel, no frame.
    assert.deepEqual(problems, []);
  } finally {
    if (id) await backend(page, 'UnwatchPlatform', id).catch(() => {});
    await context.close();
  }
});
