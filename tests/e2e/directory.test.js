// A visitor on a phone browses the directory, filters it, opens a profile
// and its print view, then a region and a unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, seed, startServer, assertFitsScreen, watchProblems } from './lib.js';

let server;
let browser;

before(async () => {
  const data = freshData('directory');
  seed(data, 60);
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('directory, filter, profile and print view on a phone-sized screen', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'id-ID' });
  const page = await context.newPage();
  const problems = watchProblems(page);

  // The directory: every filter has a label, the first page is full.
  await page.goto(server.url + '/inovasi');
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await page.locator('h1').textContent(), 'Direktori inovasi');
  assert.equal(await page.locator('.results .card').count(), 20);
  for (const name of ['provinsi', 'daerah', 'urusan', 'bentuk', 'digital', 'tahap', 'status', 'sumber', 'tahun', 'penghargaan']) {
    const id = await page.locator(`[name=${name}]`).getAttribute('id');
    assert.equal(await page.locator(`label[for=${id}]`).count(), 1, `label of ${name}`);
  }
  await assertFitsScreen(page, '/inovasi');
  await page.screenshot({ path: path.join(artifacts, 'directory-phone.png'), fullPage: true });

  // Filter by the first card's sector with the form (no JavaScript involved).
  const sector = await page.locator('.results .card').first().getAttribute('data-sector');
  await page.selectOption('#f-urusan', sector);
  await Promise.all([page.waitForURL(/urusan=/), page.click('.filter-actions button[type=submit]')]);
  assert.match(page.url(), new RegExp(`urusan=${sector}`));
  const sectors = await page.locator('.results .card').evaluateAll((cards) => cards.map((c) => c.dataset.sector));
  assert.ok(sectors.length > 0 && sectors.length < 20, `${sectors.length} cards after filtering`);
  assert.ok(sectors.every((s) => s === sector), `cards of other sectors: ${sectors}`);
  assert.equal(await page.locator('#f-urusan').inputValue(), sector, 'the form shows the chosen filter');
  await assertFitsScreen(page, 'filtered directory');
  await page.screenshot({ path: path.join(artifacts, 'directory-filtered-phone.png'), fullPage: true });

  // Open the first profile: named sections, breadcrumbs to its region.
  const name = (await page.locator('.results .card h3 a').first().textContent()).trim();
  await Promise.all([page.waitForURL(/\/inovasi\/\d+-/), page.locator('.results .card h3 a').first().click()]);
  assert.equal((await page.locator('h1').textContent()).trim(), name);
  for (const id of ['problem', 'solution', 'novelty', 'beneficiaries', 'results', 'biaya', 'tahap', 'instansi', 'penghargaan', 'status'])
    assert.equal(await page.locator(`section#${id} h2`).count(), 1, `section ${id}`);
  assert.ok(await page.locator('.breadcrumbs a[href^="/daerah/"]').count() >= 1);
  await assertFitsScreen(page, 'profile');
  await page.screenshot({ path: path.join(artifacts, 'profile-phone.png'), fullPage: true });

  // The print view: the same profile without the site's header and footer.
  await Promise.all([page.waitForURL(/\/cetak$/), page.click('.profile-actions a')]);
  assert.equal((await page.locator('h1').textContent()).trim(), name);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.site-footer').count(), 0);
  await assertFitsScreen(page, 'print view');
  await page.screenshot({ path: path.join(artifacts, 'profile-print-phone.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
  await page.screenshot({ path: path.join(artifacts, 'profile-print-a4.png'), fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(height > 0);

  // Back to the profile, then its region and a unit of that region.
  await page.click('.print-back a');
  await Promise.all([page.waitForURL(/\/daerah\/\d\d\.\d\d$/), page.locator('.breadcrumbs a[href*="."]').last().click()]);
  assert.ok(await page.locator('.cards .card').count() >= 1, 'the region lists its latest innovations');
  await assertFitsScreen(page, 'region');
  await page.screenshot({ path: path.join(artifacts, 'region-phone.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/unit\/\d+$/), page.locator('a[href^="/unit/"]').first().click()]);
  assert.ok(await page.locator('.cards .card').count() >= 1, 'the unit lists its innovations');
  await assertFitsScreen(page, 'unit');
  await page.screenshot({ path: path.join(artifacts, 'unit-phone.png'), fullPage: true });

  assert.deepEqual(problems, []);
  await context.close();
});
