// The regional innovation index on a phone: a curator opens the 2023 window,
// a city's region admin answers with evidence and submits, a verifier rejects
// one answer with a reason, the region sees why and the public ranking drops.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, seed, startServer, phone, assertFitsScreen, watchProblems } from './lib.js';

let server;
let browser;
const password = 'kata-sandi-iid-yang-panjang';
const pdf = { name: 'bukti.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n') };

before(async () => {
  const data = freshData('iid');
  seed(data, 2000);  // the demo places innovations in Kota Makassar (73.71)
  lumbung(data, ['user', 'add', '--email', 'kurator@lumbung.go.id', '--name', 'Kurator', '--role', 'curator',
    '--password-stdin'], password + '\n');
  lumbung(data, ['user', 'add', '--email', 'admin@makassarkota.go.id', '--name', 'Admin Makassar', '--role',
    'region_admin', '--scope', 'region:73.71', '--password-stdin'], password + '\n');
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

async function answer(page, anchor, param) {
  const item = page.locator(`#${anchor}`);
  await item.locator(`input[name=param][value="${param}"]`).check();
  await item.locator('input[type=file]').setInputFiles(pdf);
  await item.locator('button[type=submit]').click();
  await page.waitForURL(/pesan=disimpan/);
  assert.match(await page.locator(`#${anchor}`).textContent(), /Menunggu verifikasi/);
}

async function makassarIndex(page) {
  await page.goto(server.url + '/iid?tahun=2023&klaster=kota');
  const row = page.locator('tr', { hasText: 'Kota Makassar' });
  return Number(await row.locator('td[data-label="Indeks"]').textContent());
}

test('fill and submit, a verifier rejects one answer, the ranking updates', async () => {
  const curator = await phone(browser);
  await logIn(curator.page, 'kurator@lumbung.go.id');
  await curator.page.goto(server.url + '/kurasi/iid/2023');
  await curator.page.fill('#f-opens', '2020-01-01');
  await curator.page.fill('#f-closes', '2099-12-31');
  await curator.page.click('form[action="/kurasi/iid/2023"] button[type=submit]');
  await curator.page.waitForURL(/pesan=disimpan/);

  const region = await phone(browser);
  const problems = watchProblems(region.page);
  await logIn(region.page, 'admin@makassarkota.go.id');
  await region.page.goto(server.url + '/iid/2023/pengisian');
  assert.match(await region.page.locator('h1').textContent(), /Kota Makassar/);
  // An answer without evidence: submitting is refused and the page links to it.
  const bare = region.page.locator('#i-0-1');
  await bare.locator('input[name=param][value="3"]').check();
  await bare.locator('button[type=submit]').click();
  await region.page.waitForURL(/pesan=disimpan/);
  await region.page.click('form[action="/iid/2023/pengisian/kirim"] button');
  await region.page.waitForURL(/pengisian\/kirim/);
  assert.match(await region.page.locator('p.alert').textContent(), /setiap jawaban perlu bukti dukung/);
  assert.equal(await region.page.locator('.iid-lacking a[href="#i-0-1"]').count(), 1);
  await assertFitsScreen(region.page, 'pengisian-tanpa-bukti');
  await region.page.goto(server.url + '/iid/2023/pengisian');
  await answer(region.page, 'i-0-1', 3);  // SPD 1, weight 1, mandatory: 3 points

  // An innovation from the repository, then its SID indicator 16 (weight 3).
  const form = region.page.locator('form[action="/iid/2023/pengisian/inovasi"]');
  const chosen = await form.locator('select option').first().getAttribute('value');
  await form.locator('button').click();
  await region.page.waitForURL(/pesan=ditambah/);
  await region.page.locator(`#inovasi-${chosen} summary`).click();
  await answer(region.page, `i-${chosen}-16`, 3);  // 9 points / MAX(10, 1)
  // total 3 + 0.9 + 0.38 = 4.28 of 250 -> 1.71
  assert.match(await region.page.locator('.iid-score').textContent(), /1\.71/);
  await assertFitsScreen(region.page, 'pengisian');
  await region.page.screenshot({ path: path.join(artifacts, 'iid-pengisian.png'), fullPage: false });

  await region.page.click('form[action="/iid/2023/pengisian/kirim"] button');
  await region.page.waitForURL(/pesan=dikirim/);
  assert.equal(await region.page.locator('form[action="/iid/2023/pengisian/jawaban"]').count(), 0);
  const before = await makassarIndex(region.page);
  assert.equal(before, 1.71);

  // Curators flag Makassar as a border region for 2023: the border cluster ranks it.
  await curator.page.goto(server.url + '/kurasi/iid/2023/klaster');
  await curator.page.fill('#f-perbatasan', '73.71');
  await curator.page.locator('form', { has: curator.page.locator('#f-perbatasan') }).locator('button[type=submit]').click();
  await curator.page.waitForURL(/pesan=disimpan/);
  assert.match(await curator.page.locator('#k-perbatasan + p + ul').textContent(), /Kota Makassar/);
  await assertFitsScreen(curator.page, 'klaster');
  await curator.page.screenshot({ path: path.join(artifacts, 'iid-klaster.png'), fullPage: true });
  await region.page.goto(server.url + '/iid?tahun=2023&klaster=perbatasan');
  assert.equal(await region.page.locator('tr', { hasText: 'Kota Makassar' }).count(), 1);
  await region.page.goto(server.url + '/iid?tahun=2023&klaster=tertinggal');
  assert.equal(await region.page.locator('tr', { hasText: 'Kota Makassar' }).count(), 0);

  await curator.page.goto(server.url + '/kurasi/iid/2023/verifikasi');
  const item = curator.page.locator('#v-73\\.71-0-1');
  await item.locator('input[name=alasan]').fill('SK visi misi tidak terbaca');
  await item.locator('button[value=tolak]').click();
  await curator.page.waitForURL(/pesan=diputus/);
  await assertFitsScreen(curator.page, 'verifikasi');
  await curator.page.screenshot({ path: path.join(artifacts, 'iid-verifikasi.png'), fullPage: false });

  await region.page.goto(server.url + '/iid/2023/pengisian');
  assert.match(await region.page.locator('.iid-rejected').textContent(), /SK visi misi tidak terbaca/);
  const after = await makassarIndex(region.page);
  assert.equal(after, 0.51);  // (0.9 + 0.38) / 250
  await assertFitsScreen(region.page, 'peringkat');
  await region.page.screenshot({ path: path.join(artifacts, 'iid-peringkat.png'), fullPage: true });
  await region.page.goto(server.url + '/iid/2023/daerah/73.71');
  await region.page.locator('details.iid-variable').first().locator('summary').click();
  await assertFitsScreen(region.page, 'daerah');
  await region.page.screenshot({ path: path.join(artifacts, 'iid-daerah.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await curator.context.close();
  await region.context.close();
});
