// Replication in a browser, on phones: the origin's admin states willingness,
// another region's admin asks, the origin accepts, both work through the
// transfer steps, the adopter completes it, and the adoption shows on both
// innovation pages (the origin's "Direplikasi oleh" and the adopter's link
// back to its origin) and in the national view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { artifacts, freshData, launchBrowser, lumbung, seed, startServer, phone, assertFitsScreen, watchProblems } from './lib.js';

let server;
let browser;
let data;
let origin;   // { id, region }
let adopted;  // the adopter's own innovation id
const password = 'kata-sandi-uji-yang-panjang';

function sql(query) {
  const r = spawnSync('sqlite3', [path.join(data, 'lumbung.db'), query], { encoding: 'utf8' });
  return r.stdout.trim();
}

before(async () => {
  data = freshData('replikasi');
  seed(data, 20);
  const [id, region] = sql("SELECT id, region_code FROM innovations WHERE state = 'published' AND region_code LIKE '%.%' "
    + "AND region_code NOT LIKE '73.%' ORDER BY id LIMIT 1;").split('|');
  origin = { id, region };
  adopted = sql(`SELECT id FROM innovations WHERE state = 'published' AND id <> ${id} ORDER BY id LIMIT 1;`);
  lumbung(data, ['user', 'add', '--email', 'asal@daerah.go.id', '--name', 'Rina Asal', '--role', 'region_admin',
    '--scope', `region:${region}`, '--password-stdin'], password + '\n');
  lumbung(data, ['user', 'add', '--email', 'ra@pareparekota.go.id', '--name', 'Andi Parepare', '--role', 'region_admin',
    '--scope', 'region:73.72', '--password-stdin'], password + '\n');
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

test('request -> accept -> steps -> complete -> adoption shown on both innovation pages', async () => {
  const rina = await phone(browser);
  const andi = await phone(browser);
  const problems = watchProblems(andi.page);
  await logIn(rina.page, 'asal@daerah.go.id');
  await logIn(andi.page, 'ra@pareparekota.go.id');
  const replication = `${server.url}/inovasi/${origin.id}/replikasi`;

  // The origin states willingness and what an adopter gets.
  await rina.page.goto(replication);
  await rina.page.check('input[name=willing]');
  await rina.page.fill('#f-offer-contact', 'Rina, Bagian Organisasi, 0812-555-0101');
  await rina.page.fill('#f-offer-sop', 'SOP layanan dan formulir pendaftaran');
  await rina.page.fill('#f-offer-costs', 'Sekitar Rp 50 juta, ditanggung daerah pengadopsi');
  await rina.page.click('#ubah-kesediaan button[type=submit]');
  await rina.page.waitForURL(/pesan=disimpan/);
  assert.match(await rina.page.locator('#kesediaan').textContent(), /Bersedia direplikasi/);

  // Another region asks; a missing field comes back with its message, nothing lost.
  await andi.page.goto(replication);
  await assertFitsScreen(andi.page);
  await andi.page.fill('#f-problem', 'Keluarga rawan pangan di kelurahan belum terdata');
  await andi.page.click('#minta button[type=submit]');
  assert.match(await andi.page.locator('#minta').textContent(), /Wajib diisi/);
  assert.equal(await andi.page.inputValue('#f-problem'), 'Keluarga rawan pangan di kelurahan belum terdata');
  await andi.page.fill('#f-about', 'Andi, Kabid Inovasi Bappeda Kota Parepare');
  await andi.page.fill('#f-adaptation', 'Kartu digital untuk petani perkotaan');
  await andi.page.selectOption('#f-mode', 'study_visit');
  await andi.page.screenshot({ path: path.join(artifacts, 'replikasi-minta-phone.png'), fullPage: true });
  await andi.page.click('#minta button[type=submit]');
  await andi.page.waitForURL(/\/replikasi\/permintaan\/\d+\?pesan=dikirim/);
  const request = andi.page.url().replace(/\?.*$/, '');

  // Until the origin answers, Andi may change what he asked.
  await andi.page.click('#sunting summary');
  await andi.page.fill('#f-edit-problem', 'Keluarga rawan pangan di 12 kelurahan belum terdata');
  await andi.page.click('#sunting button[type=submit]');
  await andi.page.waitForURL(/pesan=disunting/);
  assert.match(await andi.page.locator('dl.facts').textContent(), /di 12 kelurahan/);
  await assertFitsScreen(andi.page);

  // The origin accepts.
  await rina.page.goto(request);
  await rina.page.click('form[data-action=accept] button');
  await rina.page.waitForURL(/pesan=diubah/);
  assert.equal(await rina.page.locator('.state').getAttribute('data-state'), 'accepted');
  assert.equal(await rina.page.locator('.timeline .step').count(), 6);

  // Both sides work through the steps and see the same timeline.
  const first = rina.page.locator('.timeline .step').first();
  await first.locator('summary').click();
  await first.locator('select[name=status]').selectOption('selesai');
  await first.locator('input[name=start_date]').fill('2025-01-10');
  await first.locator('input[name=end_date]').fill('2025-01-20');
  await first.locator('textarea[name=notes]').fill('Nota kesepakatan ditandatangani kedua kepala daerah');
  await first.locator('form').first().locator('button[type=submit]').click();
  await rina.page.waitForURL(/pesan=langkah/);
  await andi.page.goto(request);
  assert.equal(await andi.page.locator('.state').getAttribute('data-state'), 'in_transfer');
  assert.match(await andi.page.locator('.timeline .step').first().textContent(), /Nota kesepakatan ditandatangani/);
  const second = andi.page.locator('.timeline .step').nth(1);
  await second.locator('summary').click();
  await second.locator('select[name=status]').selectOption('berjalan');
  await second.locator('form').first().locator('button[type=submit]').click();
  await andi.page.waitForURL(/pesan=langkah/);
  await andi.page.screenshot({ path: path.join(artifacts, 'replikasi-transfer-phone.png'), fullPage: true });
  await assertFitsScreen(andi.page);
  assert.equal(await andi.page.locator('#sunting').count(), 0, 'answered: no edit form');

  // A document of the step, uploaded and then removed by the other side.
  const doc = andi.page.locator('.timeline .step').nth(1);
  await doc.locator('summary').click();
  await doc.locator('input[type=file]').setInputFiles({ name: 'rencana.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await doc.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
  await andi.page.waitForURL(/pesan=dokumen/);
  await rina.page.goto(request);
  const listed = rina.page.locator('.timeline .step').nth(1).locator('ul.documents li', { hasText: 'rencana.pdf' });
  await listed.locator('button[type=submit]').click();
  await rina.page.waitForURL(/pesan=dokumen-dihapus/);
  assert.equal(await rina.page.locator('ul.documents li', { hasText: 'rencana.pdf' }).count(), 0);

  // The adopter completes it, naming its own innovation.
  await andi.page.fill('form[data-action=complete] input[name=adopted_innovation]', adopted);
  await andi.page.click('form[data-action=complete] button');
  await andi.page.waitForURL(/pesan=diubah/);
  assert.equal(await andi.page.locator('.state').getAttribute('data-state'), 'completed');

  // The origin's page: "Direplikasi oleh" with Parepare and the count of regions.
  await andi.page.goto(`${server.url}/inovasi/${origin.id}`);
  const section = andi.page.locator('#replikasi');
  assert.match(await section.textContent(), /Direplikasi oleh 1 daerah berbeda/);
  assert.match(await section.locator('.adopters').textContent(), /Parepare/i);
  await section.scrollIntoViewIfNeeded();
  await andi.page.screenshot({ path: path.join(artifacts, 'replikasi-profil-asal-phone.png') });
  // The adopter's page links to its origin.
  await andi.page.goto(`${server.url}/inovasi/${adopted}`);
  const from = andi.page.locator('#replikasi .replicated-from a');
  assert.match(await from.getAttribute('href'), new RegExp(`^/inovasi/${origin.id}-`));
  await from.click();
  assert.match(andi.page.url(), new RegExp(`/inovasi/${origin.id}-`));

  // The national view lists the pair.
  await andi.page.goto(server.url + '/replikasi');
  assert.match(await andi.page.locator('.replication-view').textContent(), /1 adopsi/);
  await assertFitsScreen(andi.page);
  await andi.page.screenshot({ path: path.join(artifacts, 'replikasi-peta-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await rina.context.close();
  await andi.context.close();
});
