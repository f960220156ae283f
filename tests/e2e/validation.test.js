// Keeping the repository true, in the browser at phone width: a curator
// opens a validation campaign for one region, that region's admin answers
// one innovation ("berhenti"), the dashboard counts it and the public
// profile marks it stopped; then a duplicate pair is merged side by side,
// the old address redirects, and the merge is undone. Screenshots land in
// test-artifacts/validation-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen, watchProblems,
  logIn as logInAt } from './lib.js';

let server;
let browser;
let data;
let target;  // { id, region } of the innovation asked about
let copy;    // id of its duplicate
const password = 'kata-sandi-uji-yang-panjang';

function sql(statement) {
  const r = spawnSync('sqlite3', ['-separator', '|', path.join(data, 'lumbung.db'), statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

before(async () => {
  data = freshData('validation');
  lumbung(data, ['seed-demo', '--count', '40']);
  const [id, region] = sql("SELECT id, region_code FROM innovations WHERE state = 'published' ORDER BY id LIMIT 1").split('|');
  target = { id, region };
  // The same innovation entered twice: the last published record takes its name and place.
  copy = sql(`SELECT id FROM innovations WHERE state = 'published' AND region_code <> '${region}' ORDER BY id DESC LIMIT 1`);
  sql(`UPDATE innovations SET name = (SELECT name FROM innovations WHERE id = ${id}), region_code = '${region}', ` +
      `province_code = SUBSTR('${region}', 1, 2), unit_id = (SELECT unit_id FROM innovations WHERE id = ${id}) WHERE id = ${copy}`);
  lumbung(data, ['user', 'add', '--email', 'kurator@lumbung.go.id', '--name', 'Kurator Nasional', '--role', 'curator',
    '--scope', 'national', '--password-stdin'], password + '\n');
  lumbung(data, ['user', 'add', '--email', 'admin@daerah.go.id', '--name', 'Admin Daerah', '--role', 'region_admin',
    '--scope', `region:${region}`, '--password-stdin'], password + '\n');
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const logIn = (page, email) => logInAt(page, server.url, email, password);

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

async function shot(page, name) {
  await assertFitsScreen(page, name);
  await page.screenshot({ path: path.join(artifacts, `validation-${name}.png`), fullPage: true });
}

test('campaign, answer, dashboard', async () => {
  const cur = await phone(browser);
  const problems = watchProblems(cur.page);
  await logIn(cur.page, 'kurator@lumbung.go.id');
  await cur.page.goto(server.url + '/kurasi/validasi/baru');
  await cur.page.fill('#f-title', 'Pemutakhiran Data 2026');
  await cur.page.fill('#f-region', target.region);
  await cur.page.fill('#f-deadline', '2099-12-31');
  await shot(cur.page, 'new-phone');
  await submit(cur.page, 'form[action="/kurasi/validasi/baru"] button[type=submit]');
  assert.match(cur.page.url(), /\/kurasi\/validasi\/\d+\?pesan=dibuat$/);
  const dashboard = cur.page.url().replace(/\?.*$/, '');
  await submit(cur.page, 'form[action$="/buka"] button[type=submit]');
  const before = await cur.page.textContent('[data-testid=progress]');
  assert.match(before, /^0 dari \d+ diperbarui \(0%\)/);

  const ra = await phone(browser);
  await logIn(ra.page, 'admin@daerah.go.id');
  await ra.page.goto(server.url + '/validasi');
  await shot(ra.page, 'inbox-phone');
  const campaignId = dashboard.split('/').pop();
  await ra.page.goto(`${server.url}/validasi/${campaignId}/inovasi/${target.id}`);
  // A missing status comes back with its message and nothing typed is lost.
  await ra.page.fill('#f-figures', '1.250 warga terlayani pada 2025');
  await ra.page.fill('#f-contact-name', 'Siti Rahma');
  await submit(ra.page, 'form[enctype="multipart/form-data"] button[type=submit]');
  assert.equal(await ra.page.inputValue('#f-figures'), '1.250 warga terlayani pada 2025');
  assert.ok(await ra.page.isVisible('#e-status'));
  await ra.page.check('input[name=status][value=berhenti]');
  await ra.page.fill('#f-evidence-url', 'https://daerah.go.id/laporan-2025.pdf');
  await shot(ra.page, 'answer-phone');
  await submit(ra.page, 'form[enctype="multipart/form-data"] button[type=submit]');
  assert.match(ra.page.url(), /\/validasi\?pesan=terkirim$/);

  await cur.page.goto(dashboard);
  const after = await cur.page.textContent('[data-testid=progress]');
  assert.match(after, /^1 dari \d+ diperbarui \(\d+%\): 0 berlanjut, 1 berhenti$/);
  await shot(cur.page, 'dashboard-phone');

  const visitor = await phone(browser);
  await visitor.page.goto(`${server.url}/inovasi/${target.id}`);
  assert.ok((await visitor.page.textContent('body')).includes('sudah berhenti dijalankan'));
  await shot(visitor.page, 'profile-phone');
  assert.deepEqual(problems, []);
  await Promise.all([cur.context.close(), ra.context.close(), visitor.context.close()]);
});

test('duplicate, merge, undo', async () => {
  const cur = await phone(browser);
  await logIn(cur.page, 'kurator@lumbung.go.id');
  await cur.page.goto(server.url + '/kurasi/duplikat');
  await submit(cur.page, 'form[action="/kurasi/duplikat/pindai"] button[type=submit]');
  const [low, high] = [Number(target.id), Number(copy)].sort((a, b) => a - b);
  const pair = `/kurasi/duplikat/${low}/${high}`;
  await shot(cur.page, 'queue-phone');
  await Promise.all([cur.page.waitForNavigation(), cur.page.click(`a[href="${pair}"]`)]);
  await shot(cur.page, 'pair-phone');
  await cur.page.check('input[name=field_summary][value=right]');
  await submit(cur.page, 'form.merge button[type=submit]');
  assert.match(cur.page.url(), /pesan=digabung/);
  const visitor = await phone(browser);
  await visitor.page.goto(`${server.url}/inovasi/${high}`);
  assert.match(visitor.page.url(), new RegExp(`/inovasi/${low}(-|$)`));
  await submit(cur.page, 'form[action^="/kurasi/gabungan/"] button[type=submit]');
  assert.match(cur.page.url(), /pesan=dibatalkan/);
  await shot(cur.page, 'undone-phone');
  await cur.context.close();
  await visitor.context.close();
});
