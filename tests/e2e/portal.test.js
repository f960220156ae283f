// The reading portal in a browser: a curator publishes news; axe-core finds
// no WCAG 2.1 A/AA violation on the main pages in both languages; each main
// page transfers under 60 KB (gzip, photos not counted); screenshots at
// phone (390 px) and desktop (1280 px) widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { artifacts, assertFitsScreen, freshData, launchBrowser, lumbung, seed, startServer } from './lib.js';

const password = 'kata-sandi-uji-panjang';
let server;
let browser;
let innovationPath;
let regionPath;

before(async () => {
  const data = freshData('portal');
  seed(data, 12);
  lumbung(data, ['user', 'add', '--email', 'kurator@lumbung.go.id', '--name', 'Uji Kurator', '--role', 'curator',
    '--scope', 'national', '--password-stdin'], password + '\n');
  server = await startServer(data);
  browser = await launchBrowser();

  // A curator publishes one news item and one guide through the form.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/masuk');
  await page.fill('#f-email', 'kurator@lumbung.go.id');
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/masuk"] button[type=submit]')]);
  for (const [kind, title, category] of [['berita', 'FGD Validasi Data Inovasi di Makassar', 'kegiatan'],
    ['panduan', 'Panduan Replikasi Inovasi', 'replikasi']]) {
    await page.goto(server.url + '/kurasi/artikel/baru?jenis=' + kind);
    await page.selectOption('#f-kind', kind);
    await page.fill('#f-title', title);
    await page.fill('#f-summary', 'Ringkasan: ' + title);
    await page.selectOption('#f-category', category);
    await page.fill('#f-body', '## Latar\n\nSebanyak **2.928** inovasi.\n\n| Program | Jumlah |\n|---|--:|\n| KIPP | 1.200 |\n\n- satu\n- dua\n');
    await page.fill('#f-date', '2024-03-01');
    await Promise.all([page.waitForNavigation(), page.click('button[value=simpan]')]);
    assert.match(page.url(), /\/kurasi\/artikel\?pesan=dibuat$/);
  }
  await context.close();

  const home = await (await fetch(server.url + '/')).text();
  innovationPath = home.match(/href="(\/inovasi\/\d+[^"]*)"/)[1];
  const profile = await (await fetch(server.url + innovationPath)).text();
  regionPath = profile.match(/href="(\/daerah\/[0-9.]+)"/)[1];
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function mainPages() {
  return [
    ['home', '/'],
    ['search', '/cari?q=inovasi'],
    ['innovation', innovationPath],
    ['region', regionPath],
    ['news', '/berita'],
    ['news-item', '/berita/fgd-validasi-data-inovasi-di-makassar'],
    ['guide', '/panduan/panduan-replikasi-inovasi'],
    ['statistics', '/statistik'],
  ];
}

test('axe-core finds no WCAG 2.1 A/AA violations on the main pages in both languages', async () => {
  const report = {};
  const found = [];
  for (const lang of ['id', 'en']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
    const page = await context.newPage();
    for (const [name, target] of mainPages()) {
      await page.goto(server.url + target);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      report[`${lang} ${name}`] = { violations: results.violations.length, passes: results.passes.length };
      for (const v of results.violations) found.push(`${lang} ${target} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
    await context.close();
  }
  writeFileSync(path.join(artifacts, 'portal-axe.json'), JSON.stringify(report, null, 2));
  assert.deepEqual(found, []);
});

test('the home, search, innovation and region pages each transfer under 60 KB', async () => {
  const weights = {};
  for (const [name, target] of mainPages().filter(([n]) => ['home', 'search', 'innovation', 'region'].includes(n))) {
    // A fresh context each time: nothing cached, the first visit of a slow phone.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const photos = new Set();
    let bytes = 0;
    let gzipped = false;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Image' && /^image\/(jpeg|png|webp)/.test(e.response.mimeType)) photos.add(e.requestId);
      if (e.type === 'Document' && /gzip/.test(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '')) gzipped = true;
    });
    cdp.on('Network.loadingFinished', (e) => { if (!photos.has(e.requestId)) bytes += e.encodedDataLength; });
    await page.goto(server.url + target, { waitUntil: 'networkidle' });
    weights[name] = bytes;
    assert.ok(gzipped, `${target}: the document is not gzip-compressed`);
    assert.ok(bytes < 60 * 1024, `${target}: ${bytes} bytes transferred`);
    await context.close();
  }
  writeFileSync(path.join(artifacts, 'portal-weights.json'), JSON.stringify(weights, null, 2));
});

test('screenshots of the main pages at 390 px and 1280 px; nothing wider than a phone', async () => {
  for (const [width, height] of [[390, 844], [1280, 900]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'id-ID' });
    const page = await context.newPage();
    for (const [name, target] of mainPages()) {
      await page.goto(server.url + target);
      if (width === 390) await assertFitsScreen(page, target);
      await page.screenshot({ path: path.join(artifacts, `portal-${name}-${width}.png`), fullPage: true });
    }
    await context.close();
  }
});

test('keyboard: the skip link is the first stop and moves focus to the main content', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + '/statistik');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).left);
  assert.equal(outline, '0px', 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#isi$/);
  await page.close();
});
