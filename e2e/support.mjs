// Shared set-up for the browser tests: one headless Debian Chromium per test
// file, pointed at the bridge that run.sh started.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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
export async function openPage(browser, { colorScheme = 'light' } = {}) {
  const base = new URL(appURL());
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

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, name) });
}

/** Calls the real backend the way the UI does, to set up or inspect state. */
export async function backend(page, method, ...args) {
  return page.evaluate(([m, a]) => window.go.app.App[m](...a), [method, args]);
}
