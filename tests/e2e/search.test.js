// A visitor on a phone searches from the header box: suggestions while
// typing, results with highlighted words, the filter block and a facet, the
// back button; a misspelt word; then describes a problem on /solusi. The
// pages also work without JavaScript, and on a desktop the filters are open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, assertFitsScreen, freshData, launchBrowser, phone, seed, startServer, watchProblems } from './lib.js';

let server;
let browser;

const totalOf = (html) => Number((html.match(/data-total="(\d+)"/) ?? [])[1] ?? -1);

before(async () => {
  const data = freshData('search');
  seed(data, 120);
  server = await startServer(data);
  // The index catches up with the seeded database in the background.
  const home = await (await fetch(server.url + '/')).text();
  const published = Number(home.match(/data-figure="innovations"[^>]*>(\d+)/)?.[1] ?? 0);
  assert.ok(published > 20, `published ${published}`);
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (totalOf(await (await fetch(server.url + '/cari')).text()) === published) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const total = async (page) => Number(await page.locator('[data-total]').getAttribute('data-total'));

test('search from the header on a phone: suggestions, results, filters, back', async () => {
  const { context, page } = await phone(browser);
  const problems = watchProblems(page);
  await page.goto(server.url + '/');

  // Suggestions for the first letters of a name on the home page.
  const name = (await page.locator('.cards .card h3 a').first().textContent()).trim();
  const typed = name.slice(0, 4).toLowerCase();
  await page.locator('#q').pressSequentially(typed, { delay: 40 });
  const options = page.locator('#q-suggestions [role=option]');
  await options.first().waitFor();
  assert.equal(await page.getAttribute('#q', 'role'), 'combobox');
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'true');
  assert.equal(await page.getAttribute('#q', 'aria-controls'), 'q-suggestions');
  assert.ok((await options.count()) >= 1);
  await assertFitsScreen(page, 'suggestions');
  await page.screenshot({ path: path.join(artifacts, 'search-suggestions-phone.png') });

  // Arrow keys move the active option; Escape closes the list.
  await page.keyboard.press('ArrowDown');
  const active = await page.getAttribute('#q', 'aria-activedescendant');
  assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#q', 'aria-expanded'), 'false');
  assert.equal(await page.locator('#q-suggestions').isHidden(), true);

  // Enter on an option opens that innovation.
  await page.keyboard.press('ArrowDown');
  const chosen = (await page.locator('#q-suggestions [aria-selected=true] .suggestion-name').textContent()).trim();
  await Promise.all([page.waitForURL(/\/inovasi\/\d+/), page.keyboard.press('Enter')]);
  assert.equal((await page.locator('h1').textContent()).trim(), chosen);
  await page.goBack();

  // An abbreviation, submitted: results with the matching words highlighted.
  await page.locator('#q').fill('pkm');
  await Promise.all([page.waitForURL(/\/cari\?q=pkm$/), page.locator('#q').press('Enter')]);
  assert.equal(await page.inputValue('#q'), 'pkm', 'the header box keeps the query');
  const all = await total(page);
  assert.ok(all > 0, 'pkm finds puskesmas innovations');
  assert.ok((await page.locator('.hit .snippet mark').count()) > 0, 'highlighted words');
  await assertFitsScreen(page, 'results');
  await page.screenshot({ path: path.join(artifacts, 'search-results-phone.png'), fullPage: true });

  // On a phone the filters are folded above the results; open them, pick a sector.
  const facets = page.locator('details.facets');
  assert.equal(await facets.evaluate((d) => d.open), false);
  const box = await facets.boundingBox();
  const firstHit = await page.locator('.hit').first().boundingBox();
  assert.ok(box.y < firstHit.y, 'the filter block is above the results');
  await page.click('details.facets > summary');
  assert.equal(await facets.evaluate((d) => d.open), true);
  await assertFitsScreen(page, 'filters open');
  await page.screenshot({ path: path.join(artifacts, 'search-filters-phone.png'), fullPage: true });
  const sector = page.locator('[data-facet=sector] a').first();
  const count = Number((await sector.locator('.count').textContent()).replace(/\./g, ''));
  await Promise.all([page.waitForURL(/sector=/), sector.click()]);
  assert.equal(await total(page), count);
  assert.ok(count <= all);
  assert.equal(await page.locator('.chips .chip').count(), 1);
  await assertFitsScreen(page, 'filtered');
  await page.screenshot({ path: path.join(artifacts, 'search-filtered-phone.png'), fullPage: true });

  // The back button returns to the unfiltered results.
  await page.goBack();
  await page.waitForURL(/\/cari\?q=pkm$/);
  assert.equal(await total(page), all);

  // A misspelt word is corrected (or a correction is offered).
  await page.locator('#q').fill('puskesmaa');
  await Promise.all([page.waitForURL(/q=puskesmaa/), page.locator('#q').press('Enter')]);
  const spelling = page.locator('[data-corrected], [data-suggestion]');
  assert.equal(await spelling.count(), 1);
  assert.match(await spelling.textContent(), /puskesmas/);
  await page.screenshot({ path: path.join(artifacts, 'search-misspelt-phone.png'), fullPage: true });

  assert.deepEqual(problems, []);
  await context.close();
});

test('suggestions ignore answers that arrive out of order', async () => {
  const { context, page } = await phone(browser);
  // The first request is answered late, after the second.
  let calls = 0;
  await page.route('**/api/v1/suggest?**', async (route) => {
    const q = new URL(route.request().url()).searchParams.get('q');
    const mine = ++calls;
    if (mine === 1) await new Promise((r) => setTimeout(r, 1200));
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ suggestions: [{ id: mine, name: `Jawaban untuk ${q}`, region_name: 'Kota Uji', url: `/inovasi/${mine}` }] }),
    });
  });
  await page.goto(server.url + '/');
  await page.locator('#q').pressSequentially('ab');
  await page.waitForTimeout(400);  // the first request leaves (debounce 150 ms)
  await page.locator('#q').pressSequentially('c');
  const option = page.locator('#q-suggestions [role=option] .suggestion-name');
  await option.filter({ hasText: 'Jawaban untuk abc' }).waitFor();
  await page.waitForTimeout(1500);  // the late answer for "ab" has arrived by now
  assert.deepEqual(await option.allTextContents(), ['Jawaban untuk abc']);
  assert.equal(calls, 2);
  await context.close();
});

test('problem finder with a long sentence on a phone', async () => {
  const { context, page } = await phone(browser);
  const problems = watchProblems(page);
  await page.goto(server.url + '/solusi');
  assert.match(await page.getAttribute('#problem', 'placeholder'), /antrean pasien di puskesmas/);
  await assertFitsScreen(page, '/solusi');
  await page.fill('#problem', 'antrean pasien di puskesmas sangat panjang dan warga harus datang subuh untuk mendapat nomor, ' +
    'banyak lansia menunggu berjam-jam tanpa kepastian kapan dilayani');
  await Promise.all([page.waitForURL(/\/solusi\?problem=/), page.click('.problem-form button[type=submit]')]);
  assert.ok((await total(page)) > 0);
  const why = page.locator('.hit .why');
  assert.ok((await why.count()) > 0, 'each result says why it matched');
  assert.match(await why.first().textContent(), /^Cocok pada /);
  assert.ok((await page.locator('#problem').inputValue()).startsWith('antrean pasien'), 'the sentence stays in the box');
  await assertFitsScreen(page, '/solusi results');
  await page.screenshot({ path: path.join(artifacts, 'solutions-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the search and its filters still work', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.fill('#q', 'antrean');
  await Promise.all([page.waitForURL(/\/cari\?q=antrean/), page.press('#q', 'Enter')]);
  assert.ok((await total(page)) > 0);
  assert.equal(await page.locator('#q-suggestions').count(), 0);
  await page.click('details.facets > summary');
  const stage = page.locator('[data-facet=stage] a').first();
  await Promise.all([page.waitForURL(/stage=/), stage.click()]);
  assert.equal(await page.locator('.chips .chip').count(), 1);
  await context.close();
});

test('on a desktop the filters sit open beside the results', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  const page = await context.newPage();
  await page.goto(server.url + '/cari?q=antrean');
  assert.equal(await page.locator('[data-facet=sector] a').first().isVisible(), true);
  const facets = await page.locator('details.facets').boundingBox();
  const results = await page.locator('.search-results').boundingBox();
  assert.ok(facets.x + facets.width <= results.x, 'filters are beside the results');
  await page.screenshot({ path: path.join(artifacts, 'search-results-desktop.png'), fullPage: true });
  await context.close();
});
