// Shared helpers of the browser tests: launching Debian's Chromium through Playwright the way
// that works on Debian 12 (a persistent context in a fresh directory), signing in, screenshots.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const baseUrl = process.env.LLW_URL;
export const artifacts = process.env.LLW_ARTIFACTS || tmpdir();

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A fresh browser (own profile directory) with the given context options.
export async function openBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'llw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: launchArgs, locale: 'vi-VN',
    ...options,
  });
  const close = async () => { await context.close(); rmSync(profile, { recursive: true, force: true }); };
  const page = context.pages()[0] || await context.newPage();
  // A page error (a script exception) or a CSP violation is a test failure.
  const problems = [];
  page.on('pageerror', (error) => problems.push('page error: ' + error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(message.text())) {
      problems.push('console error: ' + message.text());
    }
  });
  page.on('dialog', (dialog) => { problems.push('unexpected dialog: ' + dialog.message()); dialog.dismiss(); });
  return { context, page, close, problems };
}

export async function signIn(page, username, password = 'hoctap2025') {
  await page.goto(baseUrl + '/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

// Shows the page at 360×800 (screenshot `name`-360) and back at 1366×768 (`name`-1366); fails
// when the page is wider than the phone.
// A bearer token of the JSON API for `username` (the journeys compare pages with the API).
export async function tokenOf(username, password = 'hoctap2025') {
  const reply = await fetch(baseUrl + '/api/v1/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (reply.status !== 200) throw new Error('the API does not sign ' + username + ' in: ' + reply.status);
  return (await reply.json()).token;
}

export async function fitsThePhone(page, name) {
  await page.setViewportSize({ width: 360, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await shot(page, name + '-360');
  await page.setViewportSize({ width: 1366, height: 768 });
  await shot(page, name + '-1366');
  if (width > 360) throw new Error(`${name} is ${width}px wide on a 360px phone`);
}

// Loads `url` and measures it for docs/performance.md: the bytes of its HTML, CSS and JS as sent,
// the time to the load event, Navigation Timing's DOMContentLoaded and the first contentful paint
// (ms from the navigation's start), and the page's height and width.
export async function pageFigures(page, url) {
  let bytes = 0;
  const counted = [];
  const onResponse = async (response) => {
    const type = response.request().resourceType();
    if (!['document', 'stylesheet', 'script'].includes(type)) return;
    counted.push(response.body().then((body) => { bytes += body.length; }, () => {}));
  };
  page.on('response', onResponse);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  const loaded = Date.now() - started;
  await Promise.all(counted);
  page.off('response', onResponse);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { domContentLoaded: Math.round(nav.domContentLoadedEventEnd), firstPaint: paint ? Math.round(paint.startTime) : -1 };
  });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  return { bytes, loaded, height, width, ...timing };
}

// Clicks a button whose answer is a file; saves it as `name` in `dir` and returns its path.
export async function download(page, button, dir, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, name);
  await file.saveAs(path);
  return path;
}

export function pdfText(path) {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, name + '.png'), fullPage: false });
}

let passed = 0;
let failed = 0;
export async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log('ok - ' + name);
  } catch (error) {
    failed += 1;
    console.log('not ok - ' + name + '\n  ' + String(error && error.stack || error).replace(/\n/g, '\n  '));
    throw error;
  }
}

export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
