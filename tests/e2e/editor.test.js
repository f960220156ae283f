// A region admin drafts an innovation on a phone, attaches a photo, submits
// it; a curator publishes it; a visitor sees it (and its print view, once the
// public pages exist).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen, logIn as logInAs } from './lib.js';

let server;
let browser;
let data;
const password = 'kata-sandi-uji-yang-panjang';

// A real 64x48 PNG (a two-colour band), built here so no binary is checked in.
function png() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
  const chunk = (type, body) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(body.length);
    const tb = Buffer.concat([Buffer.from(type), body]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(tb));
    return Buffer.concat([len, tb, c]);
  };
  const w = 64, h = 48;
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) row.set(y < h / 2 ? [138, 75, 20] : [242, 193, 78], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  data = freshData('editor');
  lumbung(data, ['user', 'add', '--email', 'ra@pareparekota.go.id', '--name', 'Andi Parepare', '--role', 'region_admin',
    '--scope', 'region:73.72', '--password-stdin'], password + '\n');
  lumbung(data, ['user', 'add', '--email', 'kurator@lumbung.go.id', '--name', 'Kurator Nasional', '--role', 'curator',
    '--password-stdin'], password + '\n');
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page, email) {
  await logInAs(page, server.url, email, password);
}

test('draft -> submit -> publish -> visible -> print view, on a phone', async () => {
  const andi = await phone(browser);
  await logIn(andi.page, 'ra@pareparekota.go.id');
  await andi.page.goto(server.url + '/inovasi/baru');
  assert.equal(await andi.page.inputValue('#f-region_code'), '73.72');
  await assertFitsScreen(andi.page);

  // A wrong date comes back next to its field, nothing lost.
  await andi.page.fill('#f-name', 'SiAntre <Puskesmas> Lumpue');
  await andi.page.fill('#f-trial_date', '2021-13-45').catch(async () => {
    await andi.page.evaluate(() => { document.querySelector('#f-trial_date').type = 'text'; });
    await andi.page.fill('#f-trial_date', '31-31-2020');
  });
  await andi.page.fill('#f-budget_amount', 'banyak');
  await andi.page.click('form.profile-form button[type=submit]');
  assert.match(await andi.page.locator('#e-budget_amount').textContent(), /Format/);
  assert.equal(await andi.page.inputValue('#f-name'), 'SiAntre <Puskesmas> Lumpue');
  await andi.page.screenshot({ path: path.join(artifacts, 'editor-errors-phone.png'), fullPage: true });

  await andi.page.fill('#f-trial_date', '');
  await andi.page.fill('#f-budget_amount', '150.000.000');
  await andi.page.fill('#f-summary', 'Antrean puskesmas lewat pesan singkat, tanpa menunggu di ruang tunggu.');
  await andi.page.fill('#f-problem', 'Warga menunggu hingga tiga jam untuk berobat.');
  await andi.page.fill('#f-solution', 'Warga mendaftar lewat SMS dan datang saat nomornya hampir dipanggil.');
  await andi.page.fill('#f-results', 'Waktu tunggu turun dari 3 jam menjadi 20 menit; 12.000 pasien per tahun.');
  await andi.page.fill('#f-unit_name', 'Puskesmas Lumpue');
  await andi.page.fill('#f-sector', 'kesehatan');
  await andi.page.selectOption('#f-form', 'pelayanan_publik');
  await andi.page.selectOption('#f-stage', 'penerapan');
  await andi.page.selectOption('#f-digital', '1');
  await andi.page.click('form.profile-form button[type=submit]');
  await andi.page.waitForURL(/\/inovasi\/\d+\/ubah\?pesan=dibuat$/);
  const id = andi.page.url().match(/\/inovasi\/(\d+)\/ubah/)[1];
  assert.match(await andi.page.locator('.notice').textContent(), /Draf tersimpan/);

  // A photo, with a thumbnail on the edit page.
  const photo = path.join(data, 'foto-puskesmas.png');
  writeFileSync(photo, png());
  await andi.page.setInputFiles('#f-file', photo);
  await andi.page.click('form.upload button[type=submit]');
  await andi.page.waitForURL(/pesan=lampiran/);
  const thumb = andi.page.locator('.attachments img');
  assert.equal(await thumb.count(), 1);
  assert.ok(await thumb.evaluate((img) => img.complete && img.naturalWidth > 0), 'the thumbnail loads');
  await assertFitsScreen(andi.page);
  await andi.page.screenshot({ path: path.join(artifacts, 'editor-draft-phone.png'), fullPage: true });

  await andi.page.click(`form[action="/inovasi/${id}/ajukan"] button[type=submit]`);
  await andi.page.waitForURL(/pesan=diajukan/);
  assert.match(await andi.page.locator('.state').first().textContent(), /Ditinjau/);

  // The curator finds it in the queue and publishes it.
  const kurator = await phone(browser);
  await logIn(kurator.page, 'kurator@lumbung.go.id');
  await kurator.page.goto(server.url + '/kurasi/tinjauan');
  await assertFitsScreen(kurator.page);
  await kurator.page.screenshot({ path: path.join(artifacts, 'editor-queue-phone.png'), fullPage: true });
  await kurator.page.click(`a[href="/inovasi/${id}/ubah"]`);
  await kurator.page.click(`form[action="/inovasi/${id}/terbitkan"] button[type=submit]`);
  await kurator.page.waitForURL(/pesan=diterbitkan/);
  await kurator.page.goto(server.url + `/inovasi/${id}/riwayat`);
  assert.equal(await kurator.page.locator('tbody tr').count(), 3);  // created, submitted, published
  await kurator.page.screenshot({ path: path.join(artifacts, 'editor-history-phone.png'), fullPage: true });

  // A visitor sees it: on the home page, and its own page when the public pages exist.
  const visitor = await phone(browser);
  await visitor.page.goto(server.url + '/');
  assert.match(await visitor.page.locator('main').textContent(), /SiAntre <Puskesmas> Lumpue/);
  const profile = await visitor.page.goto(server.url + `/inovasi/${id}`);
  if (profile.status() === 200) {
    assert.match(await visitor.page.locator('main').textContent(), /SiAntre <Puskesmas> Lumpue/);
    await assertFitsScreen(visitor.page);
    await visitor.page.screenshot({ path: path.join(artifacts, 'editor-published-phone.png'), fullPage: true });
  }
  const print = await visitor.page.goto(server.url + `/inovasi/${id}/cetak`);
  if (print.status() === 200) {
    await visitor.page.emulateMedia({ media: 'print' });
    await visitor.page.screenshot({ path: path.join(artifacts, 'editor-print-phone.png'), fullPage: true });
  } else {
    test.diagnostic(`print view not there yet (${print.status()}): screenshot skipped`);
  }
});
