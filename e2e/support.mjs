// Shared set-up for the browser tests: one headless Debian Chromium per test
// file, pointed at the bridge that run.sh started.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const screenshotDir = path.join(here, 'screenshots');

export function appURL() {
  const url = process.env.FINEPRINT_URL;
  assert.ok(url, 'FINEPRINT_URL is not set: run the browser tests through e2e/run.sh');
  return url;
}

/**
 * The bridge over an archive seeded from ../shared/corpus, or undefined when
 * the corpus is absent (run.sh then says so); pass it to test(…, { skip }).
 */
export function seededURL() {
  return process.env.FINEPRINT_SEEDED_URL || undefined;
}

export const noSeed = seededURL()
  ? false
  : 'no seeded archive: ../shared/corpus/versions is absent (set FINEPRINT_SHARED to its folder)';

/**
 * A web site on loopback whose pages the test rewrites between checks.
 * `pages` maps a path to [status, html]; robots.txt is absent, as on many
 * small sites.
 */
export async function startSite(pages = {}) {
  const site = { pages: { ...pages }, hits: [] };
  const server = http.createServer((req, res) => {
    site.hits.push(req.url);
    const page = site.pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    const [status, body] = page;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = (p) => `http://127.0.0.1:${server.address().port}${p}`;
  site.close = () => new Promise((resolve) => server.close(resolve));
  return site;
}

/** A terms page long enough to read as terms, with sections. */
export function termsPage(title, sections, extra = '') {
  const body = sections
    .map(
      ([heading, text]) =>
        `<h2>${heading}</h2><p>${text} We explain here, in ordinary words, what this means for the people who use the service, which information it concerns, how long it is kept, and what you can do about it at any time through your account settings.</p>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><header><nav><a href="/">Home</a></nav></header><main><h1>${title}</h1><p>These terms govern your use of the service. By using it you agree to them.</p>${body}${extra}</main><footer>© Example</footer></body></html>`;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens a page that records what must never happen in the app: script
 * errors, CSP violations and requests leaving the machine.
 */
export async function openPage(browser, { colorScheme = 'light', url = appURL() } = {}) {
  const base = new URL(url);
  const context = await browser.newContext({ viewport: { width: 1180, height: 760 }, colorScheme });
  const page = await context.newPage();
  // Generous: the machine is shared and slow at times. This is a ceiling
  // for waiting, not a speed assertion.
  page.setDefaultTimeout(20_000);
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // A backend call that returns an error is an HTTP 500 from the bridge;
    // Chromium logs it, but for the app it is a rejected promise it handles.
    if (/^Failed to load resource/.test(msg.text()) && msg.location().url.includes('/call/')) return;
    problems.push(`console error: ${msg.text()}`);
  });
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.protocol === 'data:') return;
    if (u.host !== base.host) problems.push(`request outside the app: ${req.url()}`);
  });
  return { context, page, problems };
}

/** Waits until animations settle, for a steady screenshot. */
export async function settle(page) {
  await page.waitForFunction(() => document.getAnimations().filter((a) => a.playState === 'running').length === 0);
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name) });
}

/** Calls the real backend the way the UI does, to set up or inspect state. */
export async function backend(page, method, ...args) {
  return page.evaluate(([m, a]) => window.go.app.App[m](...a), [method, args]);
}
