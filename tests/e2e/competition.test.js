// A small competition in the browser, from the call to published winners:
// a curator creates it from the 2023 KIPP template, an agency registers a
// proposal on a phone (the word counter follows the typing; the server
// refuses an over-long answer), the secretariat passes it and assigns a
// judge, the judge scores on a phone, the public objects to the finalist, the
// secretariat resolves, schedules the presentation, the judge scores it, the
// results are published and the winner's innovation shows the award.
// Phone screenshots land in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen, watchProblems } from './lib.js';

let server;
let browser;
let data;
const password = 'kata-sandi-uji-yang-panjang';

before(async () => {
  data = freshData('kompetisi');
  for (const [email, name, role, scope] of [
    ['kurator@menpan.go.id', 'Sekretariat KIPP', 'curator', 'national'],
    ['ra@pareparekota.go.id', 'Bagian Organisasi Parepare', 'region_admin', 'region:73.72'],
    ['juri@ui.ac.id', 'Prof. Juri', 'judge', 'national'],
  ])
    lumbung(data, ['user', 'add', '--email', email, '--name', name, '--role', role, '--scope', scope, '--password-stdin'],
      password + '\n');
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page, email) {
  await page.goto(server.url + '/masuk');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('form[action="/masuk"] button[type=submit]');
  await page.waitForURL(server.url + '/akun');
}

async function desktop() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  return { context, page: await context.newPage() };
}

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function shot(page, name) {
  await assertFitsScreen(page, name);
  await page.screenshot({ path: path.join(artifacts, `kompetisi-${name}-phone.png`), fullPage: true });
}

test('a small competition from the call to published winners', async () => {
  const cur = await desktop();
  const problems = watchProblems(cur.page);
  await logIn(cur.page, 'kurator@menpan.go.id');

  // 1. The call, from the 2023 template.
  await cur.page.goto(server.url + '/kurasi/kompetisi/baru');
  assert.equal(await cur.page.inputValue('input[name=aspects_5_key]'), 'signifikansi');
  assert.equal(await cur.page.inputValue('input[name=aspects_5_weight]'), '30');
  await cur.page.fill('#f-name', 'KIPP Kota Uji 2026');
  await cur.page.fill('#f-year', '2026');
  await cur.page.fill('#f-award', 'KIPP Uji 2026');
  await cur.page.fill('#r1', '2020-01-01');
  for (const r of ['#r2', '#r3', '#r4', '#r5', '#r6', '#r7']) await cur.page.fill(r, '2099-12-31');
  await cur.page.fill('#f-topn', '1');
  await cur.page.fill('#f-topm', '1');
  await submit(cur.page, 'form.competition-form button[type=submit]');
  const manage = new URL(cur.page.url()).pathname;
  assert.match(manage, /^\/kurasi\/kompetisi\/\d+$/);
  const id = manage.split('/').pop();
  const base = `${server.url}/kompetisi/${id}`;

  // 2. The agency registers a proposal on a phone; the counter follows the typing.
  const agency = await phone(browser);
  await logIn(agency.page, 'ra@pareparekota.go.id');
  await agency.page.goto(base);
  await submit(agency.page, `a[href="/kompetisi/${id}/proposal/baru"]`);
  assert.equal(await agency.page.inputValue('#f-region'), '73.72');
  await agency.page.fill('#f-title', 'Sipandu: layanan adminduk keliling');
  await agency.page.fill('#f-started', '2021-03-01');
  await agency.page.selectOption('#f-category', { index: 1 });
  await agency.page.fill('#a-ringkasan', 'kata '.repeat(205));
  assert.equal(await agency.page.textContent('#w-ringkasan [data-words]'), '205');
  assert.match(await agency.page.getAttribute('#w-ringkasan', 'class'), /over/);
  for (const key of ['latar_belakang', 'kebaruan', 'implementasi', 'signifikansi', 'adaptabilitas', 'sumber_daya',
    'keberlanjutan'])
    await agency.page.fill(`#a-${key}`, `Uraian ${key} inovasi Sipandu di Kota Parepare.`);
  for (const key of ['sk', 'pernyataan_replikasi', 'video'])
    await agency.page.fill(`#d-${key}`, `https://pareparekota.go.id/${key}`);
  await submit(agency.page, 'button[value=submit]');
  assert.match(await agency.page.textContent('#e-a-ringkasan'), /batas kata/);
  assert.equal(await agency.page.inputValue('#f-title'), 'Sipandu: layanan adminduk keliling');
  await shot(agency.page, 'proposal-error');
  await agency.page.fill('#a-ringkasan', 'Layanan adminduk keliling yang menjemput warga lansia dan difabel.');
  await submit(agency.page, 'button[value=submit]');
  assert.match(await agency.page.textContent('.notice'), /diajukan/);
  const entryPath = new URL(agency.page.url()).pathname;

  // 3. Administrative selection and a judge.
  await cur.page.goto(server.url + manage);
  await submit(cur.page, 'form.competition-advance button');
  await submit(cur.page, 'button[value=pass]');
  await submit(cur.page, 'form.competition-advance button');
  await submit(cur.page, 'form[action$="/juri"] button:not([name])');
  assert.match(await cur.page.textContent('.competition-manage'), /Prof\. Juri/);

  // 4. The judge scores on a phone.
  const judge = await phone(browser);
  await logIn(judge.page, 'juri@ui.ac.id');
  await judge.page.goto(server.url + entryPath);
  for (const key of ['latar_belakang', 'kebaruan', 'implementasi', 'signifikansi', 'adaptabilitas', 'sumber_daya',
    'keberlanjutan'])
    await judge.page.fill(`#s-${key}`, key === 'signifikansi' ? '90' : '80');
  await shot(judge.page, 'scoring');
  await submit(judge.page, 'form.competition-score button');
  assert.match(await judge.page.textContent('.notice'), /Nilai tersimpan/);
  await judge.page.goto(`${base}/panel`);
  assert.match(await judge.page.textContent('.competition-panel'), /83,00/);
  await shot(judge.page, 'panel');

  // 5. Finalists; a member of the public objects on a phone.
  await cur.page.goto(server.url + manage);
  await submit(cur.page, 'form.competition-advance button');
  const pub = await phone(browser);
  await pub.page.goto(`${base}/finalis`);
  await pub.page.click('details summary');
  await pub.page.fill('input[name=name]', 'Warga Parepare');
  await pub.page.fill('textarea[name=body]', 'Layanan ini baru berjalan di dua kecamatan.');
  await submit(pub.page, 'details form button');
  assert.match(await pub.page.textContent('.notice'), /sanggahan Anda diterima/);
  await shot(pub.page, 'finalists');
  await cur.page.goto(server.url + manage);
  await cur.page.fill('textarea[name=resolution]', 'Sudah diverifikasi: berjalan di empat kecamatan.');
  await submit(cur.page, 'button[value=dismissed]');
  await submit(cur.page, 'form.competition-advance button');

  // 6. Presentation slot (7 + 13 minutes) and its score.
  await cur.page.fill('input[name=starts_at]', '2026-12-01T09:00');
  await cur.page.fill('input[name=link]', 'https://zoom.us/j/123456');
  await submit(cur.page, 'form[action$="/jadwal"] button');
  await judge.page.goto(server.url + entryPath);
  await judge.page.fill('#s-presentation', '90');
  await submit(judge.page, 'form.competition-score button');

  // 7. Final ranking, publication, the winner in the repository.
  await cur.page.goto(server.url + manage);
  await submit(cur.page, 'form.competition-advance button');
  await submit(cur.page, 'form.competition-advance button');
  await cur.page.screenshot({ path: path.join(artifacts, 'kompetisi-manage-published-desktop.png'), fullPage: true });
  await pub.page.goto(`${base}/hasil`);
  assert.match(await pub.page.textContent('main'), /Top 1 KIPP Uji 2026/);
  await shot(pub.page, 'results');
  await submit(pub.page, '.competition-results a');
  assert.match(await pub.page.textContent('main'), /Top 1 KIPP Uji 2026/);
  assert.deepEqual(problems, []);
});
