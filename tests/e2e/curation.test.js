// A curator on a phone imports a KIPP spreadsheet: upload, confirm the
// suggested column mapping, read the dry run's problems (row, column, what is
// wrong), import, and see the result. The run page refreshes itself without
// JavaScript while the background job works. Screenshots land in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, assertFitsScreen, freshData, launchBrowser, logIn, lumbung, phone, startServer, watchProblems } from './lib.js';

let server;
let browser;
let data;
const password = 'kata-sandi-uji-yang-panjang';

const csv = [
  'ID Inovasi;Nama Inovasi;Ringkasan;Latar Belakang;Rancang Bangun;Hasil;Kode Wilayah;Nama SKPD;Urusan;Bentuk Inovasi;Tahapan Inovasi;Jenis Inovasi',
  'KIPP-1;Sipandu Gelombang;Adminduk daring;Antrean panjang;Daftar daring;Antrean turun 40%;73.72;Dinas Kependudukan;kependudukan;Pelayanan Publik;Penerapan;Digital',
  'KIPP-2;Lapor Cepat;Aduan warga;Aduan lambat;Kanal WA;Aduan selesai 2 hari;99.99;Diskominfo;kominfo;Pelayanan Publik;Uji Coba;Digital',
  'KIPP-3;Antre Sehat;Antrean puskesmas;Antre lama;Nomor antre SMS;Waktu tunggu turun;73.72;Puskesmas Lauleng;kesehatan;Pelayanan Publik;hampir;Non Digital',
].join('\r\n') + '\r\n';

before(async () => {
  data = freshData('curation');
  lumbung(data, ['user', 'add', '--email', 'kurator@lumbung.go.id', '--name', 'Kurator Nasional',
    '--role', 'curator', '--scope', 'national', '--password-stdin'], password + '\n');
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function waitUntilFinished(page) {
  // The page refreshes itself every two seconds while the job runs.
  for (let i = 0; i < 120; i++) {
    if ((await page.locator('meta[http-equiv=refresh]').count()) === 0) return;
    await page.waitForTimeout(500);
  }
}

test('upload, mapping, dry run with problems, import on a phone', async () => {
  const { page } = await phone(browser);
  const problems = watchProblems(page);
  await logIn(page, server.url, 'kurator@lumbung.go.id', password);
  await page.goto(server.url + '/kurasi/impor');
  await assertFitsScreen(page, 'import page');
  const file = path.join(data, 'kipp-2023.csv');
  writeFileSync(file, csv);
  await page.selectOption('#f-source', 'kipp');
  await page.setInputFiles('#f-file', file);
  await Promise.all([page.waitForURL(/\/pemetaan$/), page.click('#upload button[type=submit]')]);

  // The usual KIPP headers are already chosen.
  assert.equal(await page.inputValue('#m-name'), 'Nama Inovasi');
  assert.equal(await page.inputValue('#m-stage'), 'Tahapan Inovasi');
  await assertFitsScreen(page, 'mapping page');
  await page.screenshot({ path: path.join(artifacts, 'curation-mapping-phone.png'), fullPage: true });
  await Promise.all([page.waitForURL(/\/kurasi\/impor\/\d+$/), page.click('#mapping button[type=submit]')]);
  await waitUntilFinished(page);

  const table = await page.locator('#problems').textContent();
  assert.match(table, /Baris 3/);
  assert.match(table, /kode wilayah "99.99" tidak dikenal/);
  assert.match(table, /"hampir" bukan pilihan yang dikenal/);
  await assertFitsScreen(page, 'dry run page');
  await page.screenshot({ path: path.join(artifacts, 'curation-dry-run-phone.png'), fullPage: true });

  await Promise.all([page.waitForURL(/\/kurasi\/impor\/\d+$/), page.click('#run-import')]);
  await waitUntilFinished(page);
  assert.match(await page.locator('#run-counts').textContent(), /1 ditambahkan/);
  await page.screenshot({ path: path.join(artifacts, 'curation-result-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
