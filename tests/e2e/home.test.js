// A visitor opens the home page on a phone, switches to English and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, assertFitsScreen, freshData, launchBrowser, seed, startServer, watchProblems } from './lib.js';

let server;
let browser;

before(async () => {
  const data = freshData('home');
  seed(data, 12);
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('home page in Indonesian, switch to English, on a phone-sized screen', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'id-ID' });
  const page = await context.newPage();
  // Sub-resources (CSS, icons) must load; the 404 page below is a document and expected.
  const problems = watchProblems(page);

  await page.goto(server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await page.locator('h2#latest').textContent(), 'Inovasi terbaru');
  // The demo publishes most of the 12 it creates; the home page lists the latest 6.
  const published = Number(await page.locator('[data-figure=innovations]').textContent());
  assert.ok(published > 6 && published <= 12, `published figure ${published}`);
  assert.equal(await page.locator('.cards .card').count(), 6);
  // Nothing wider than the phone's screen.
  await assertFitsScreen(page);
  await page.screenshot({ path: path.join(artifacts, 'home-id-phone.png'), fullPage: true });

  await page.click('a.lang-switch');
  await page.waitForURL(server.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h2#latest').textContent(), 'Latest innovations');
  await page.screenshot({ path: path.join(artifacts, 'home-en-phone.png'), fullPage: true });

  // The choice sticks across pages (cookie), and switching back works.
  await page.goto(server.url + '/tidak-ada');
  assert.match(await page.locator('h1').textContent(), /Page not found/);
  await page.click('a.lang-switch');
  await page.waitForURL(server.url + '/tidak-ada');
  assert.match(await page.locator('h1').textContent(), /Halaman tidak ditemukan/);

  // The page's stylesheet loaded and CSP blocked nothing.
  assert.deepEqual(problems, []);
  await context.close();
});

test('home page on a desktop screen', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const headerColour = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.notEqual(headerColour, 'rgba(0, 0, 0, 0)', 'site.css did not apply');
  await page.screenshot({ path: path.join(artifacts, 'home-id-desktop.png'), fullPage: true });
  await context.close();
});
