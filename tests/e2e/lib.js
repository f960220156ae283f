// Shared helpers of the browser tests: start the real server on a fresh data
// directory, and launch Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const binary = process.env.LUMBUNG_BIN ?? path.resolve('../../build/lumbung');
export const artifacts = process.env.LUMBUNG_ARTIFACTS ?? path.resolve('../../test-artifacts');
mkdirSync(artifacts, { recursive: true });

export function freshData(name) {
  return mkdtempSync(path.join(tmpdir(), `lumbung-e2e-${name}-`));
}

const resources = process.env.LUMBUNG_RESOURCES ? ['--resources', process.env.LUMBUNG_RESOURCES] : [];

// Runs `lumbung <args...> --data DATA`; returns stdout, throws on failure.
export function lumbung(data, args, input) {
  const r = spawnSync(binary, [...args, '--data', data, ...resources], { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`lumbung ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

export function seed(data, count = 12) {
  lumbung(data, ['seed-demo', '--count', String(count)]);
}

// Starts `lumbung serve --port 0`; resolves with { url, stop() } once the
// "listening on http://HOST:PORT" line appears.
export function startServer(data) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['serve', '--data', data, '--port', '0', '--host', '127.0.0.1', ...resources], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^listening on (http:\/\/[^\s]+)$/m);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

// A phone-sized page (390 x 844, Indonesian) in a context of its own.
export async function phone(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'id-ID' });
  return { context, page: await context.newPage() };
}

// Fails when the page is wider than the screen (sideways scrolling on a phone).
export async function assertFitsScreen(page, what = page.url()) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${what}: page is ${overflow}px wider than the screen`);
}

// Collects what went wrong while the page loaded: failed sub-resources (CSS,
// icons, images; documents may be intended 404s), failed requests, script errors.
export function watchProblems(page) {
  const problems = [];
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  // A load cut short because the test navigated on (net::ERR_ABORTED) is not a failure of the server.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('pageerror', (err) => problems.push(String(err)));
  return problems;
}

// Logs in on /masuk and waits for the account page the login leads to.
export async function logIn(page, baseUrl, email, password) {
  await page.goto(baseUrl + '/masuk');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('form[action="/masuk"] button[type=submit]');
  await page.waitForURL(baseUrl + '/akun');
}
