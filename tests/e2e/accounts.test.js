// An admin invites a region admin, who accepts, logs in and sees the menu of
// their role; a participant they invite sees no admin menu.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen } from './lib.js';

let server;
let browser;
const adminPassword = 'kata-sandi-admin-yang-panjang';

before(async () => {
  const data = freshData('accounts');
  lumbung(data, ['user', 'add', '--email', 'admin@lumbung.go.id', '--name', 'Admin Nasional', '--role', 'admin',
    '--password-stdin'], adminPassword + '\n');
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function logIn(page, email, password) {
  await page.goto(server.url + '/masuk');
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await page.click('form[action="/masuk"] button[type=submit]');
}

async function invite(page, name, email, role, scope) {
  await page.goto(server.url + '/admin/pengguna/undang');
  await page.fill('#f-name', name);
  await page.fill('#f-email', email);
  await page.selectOption('#f-peran', role);
  await page.fill('#f-cakupan', scope);
  await page.click('form[action="/admin/pengguna/undang"] button[type=submit]');
  const link = (await page.locator('[data-invite-link]').textContent()).trim();
  assert.match(link, /\/undangan\/[A-Za-z0-9_-]{43}$/);
  return link.startsWith('http') ? link : server.url + link;
}

async function accept(page, link, password) {
  await page.goto(link);
  await page.fill('#f-password', password);
  await page.fill('#f-password_again', password);
  await page.click('form[action^="/undangan/"] button[type=submit]');
  await page.waitForURL(server.url + '/akun');
}

test('invite -> accept -> log in -> the menu fits the role', async () => {
  const admin = await phone(browser);
  await logIn(admin.page, 'admin@lumbung.go.id', adminPassword);
  await admin.page.waitForURL(server.url + '/akun');
  assert.equal(await admin.page.locator('.user-links a[href="/admin/pengguna"]').count(), 1);

  // A wrong field comes back with its message, in Indonesian, nothing lost.
  await admin.page.goto(server.url + '/admin/pengguna/undang');
  await admin.page.fill('#f-name', 'Andi <b>Parepare</b>');
  await admin.page.fill('#f-email', 'bukan-surel');
  await admin.page.click('form[action="/admin/pengguna/undang"] button[type=submit]');
  assert.match(await admin.page.locator('#e-email').textContent(), /alamat surel/);
  assert.equal(await admin.page.inputValue('#f-name'), 'Andi <b>Parepare</b>');
  await admin.page.screenshot({ path: path.join(artifacts, 'invite-error-phone.png'), fullPage: true });

  const link = await invite(admin.page, 'Andi Parepare', 'andi@pareparekota.go.id', 'region_admin', 'region:73.72');
  await admin.page.screenshot({ path: path.join(artifacts, 'invite-created-phone.png'), fullPage: true });

  // The invitee, in a browser of their own.
  const andi = await phone(browser);
  await andi.page.goto(link);
  assert.match(await andi.page.locator('dl.facts').textContent(), /Admin daerah/);
  await andi.page.screenshot({ path: path.join(artifacts, 'invite-accept-phone.png'), fullPage: true });
  await accept(andi.page, link, 'andi-punya-sandi-baru');
  assert.match(await andi.page.locator('ul.grants').textContent(), /Admin daerah · Daerah 73\.72/);
  await assertFitsScreen(andi.page);
  assert.equal(await andi.page.locator('.user-links a[href="/admin/pengguna"]').count(), 1);
  await andi.page.screenshot({ path: path.join(artifacts, 'account-phone.png'), fullPage: true });

  // The link works once.
  const again = await (await browser.newContext({ locale: 'id-ID' })).newPage();
  await again.goto(link);
  assert.match(await again.locator('.alert').textContent(), /tidak berlaku lagi/);

  // Andi may invite a participant into his own region, not into Makassar's.
  await andi.page.goto(server.url + '/admin/pengguna/undang');
  await andi.page.fill('#f-name', 'Sari Makassar');
  await andi.page.fill('#f-email', 'sari@makassarkota.go.id');
  await andi.page.selectOption('#f-peran', 'participant');
  await andi.page.fill('#f-cakupan', 'region:73.71');
  await andi.page.click('form[action="/admin/pengguna/undang"] button[type=submit]');
  assert.match(await andi.page.locator('.alert').textContent(), /tidak boleh memberi peran/);
  const siti = await invite(andi.page, 'Siti Nurhaliza ✓', 'siti@pareparekota.go.id', 'participant', 'region:73.72');

  // Audit pages are for admins only.
  const audit = await andi.page.goto(server.url + '/admin/audit');
  assert.equal(audit.status(), 403);
  assert.match(await andi.page.locator('main').textContent(), /Administrator/);

  // The participant sees her account and no admin menu; log out works.
  const sitiPage = await phone(browser);
  await accept(sitiPage.page, siti, 'sandi-siti-panjang-sekali');
  assert.equal(await sitiPage.page.locator('.user-links a[href="/admin/pengguna"]').count(), 0);
  assert.match(await sitiPage.page.locator('main').textContent(), /Siti Nurhaliza ✓/);
  await sitiPage.page.click('.user-links form[action="/keluar"] button');
  await sitiPage.page.waitForURL(/\/masuk\?keluar=1$/);
  const denied = await sitiPage.page.goto(server.url + '/akun');
  assert.equal(new URL(denied.url()).pathname, '/masuk');

  // The admin sees both invitations in the audit log and the mail outbox.
  await admin.page.goto(server.url + '/admin/audit?entitas=user');
  const auditText = await admin.page.locator('table').textContent();
  assert.match(auditText, /andi@pareparekota\.go\.id/);
  await assertFitsScreen(admin.page);
  await admin.page.screenshot({ path: path.join(artifacts, 'audit-phone.png'), fullPage: true });
  await admin.page.goto(server.url + '/admin/surat');
  assert.match(await admin.page.locator('main').textContent(), /siti@pareparekota\.go\.id/);

  for (const c of [admin, andi, sitiPage]) await c.context.close();
});
