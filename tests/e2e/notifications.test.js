// A role given by an admin reaches the user's bell and inbox; opening the
// notice marks it read and follows its link; the mail settings save per
// category. Screenshots at phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen, logIn as logInAs } from './lib.js';

let server;
let browser;
let userId;
const password = 'kata-sandi-yang-cukup-panjang';

before(async () => {
  const data = freshData('notifications');
  lumbung(data, ['user', 'add', '--email', 'admin@lumbung.go.id', '--name', 'Admin Nasional', '--role', 'admin',
    '--password-stdin'], password + '\n');
  const out = lumbung(data, ['user', 'add', '--email', 'siti@parepare.go.id', '--name', 'Siti Rahma', '--role',
    'participant', '--scope', 'region:73.72', '--password-stdin'], password + '\n');
  userId = String(out).match(/^user (\d+)/)[1];
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

test('a role given -> bell -> inbox -> open -> settings', async () => {
  const admin = await phone(browser);
  await logIn(admin.page, 'admin@lumbung.go.id');
  await admin.page.goto(`${server.url}/admin/pengguna/${userId}`);
  await admin.page.selectOption(`form[action="/admin/pengguna/${userId}/peran"] #f-peran`, 'coach');
  await admin.page.fill(`form[action="/admin/pengguna/${userId}/peran"] #f-cakupan`, 'region:73.72');
  await admin.page.click(`form[action="/admin/pengguna/${userId}/peran"] button[type=submit]`);
  await admin.page.waitForURL(/tersimpan=1/);

  const user = await phone(browser);
  await logIn(user.page, 'siti@parepare.go.id');
  const bell = user.page.locator('a.bell');
  assert.equal((await bell.locator('.count').textContent()).trim(), '1');
  assert.match(await bell.getAttribute('aria-label'), /Notifikasi: 1 belum dibaca/);
  await assertFitsScreen(user.page, 'page with the bell');
  await user.page.screenshot({ path: path.join(artifacts, 'notifications-bell-phone.png') });

  await bell.click();
  await user.page.waitForURL(server.url + '/notifikasi');
  const item = user.page.locator('.inbox li.unread a');
  assert.equal(await item.count(), 1);
  assert.match(await item.textContent(), /Anda mendapat peran Coach \/ narasumber \(cakupan Kota Parepare\)/);
  await assertFitsScreen(user.page, '/notifikasi');
  await user.page.screenshot({ path: path.join(artifacts, 'notifications-inbox-phone.png'), fullPage: true });

  await item.click();
  await user.page.waitForURL(server.url + '/akun');
  assert.equal(await user.page.locator('a.bell .count').count(), 0, 'read: no number on the bell');
  await user.page.goto(server.url + '/notifikasi');
  assert.equal(await user.page.locator('.inbox li.unread').count(), 0);
  assert.equal(await user.page.locator('.inbox li').count(), 1);

  await user.page.click('a[href="/notifikasi/pengaturan"]');
  await user.page.check('input[name="lab"][value="daily"]');
  await user.page.check('input[name="competition"][value="off"]');
  await assertFitsScreen(user.page, '/notifikasi/pengaturan');
  await user.page.screenshot({ path: path.join(artifacts, 'notifications-settings-phone.png'), fullPage: true });
  await user.page.click('form[action="/notifikasi/pengaturan"] button[type=submit]');
  await user.page.waitForURL(/pesan=disimpan/);
  assert.ok(await user.page.locator('input[name="lab"][value="daily"]').isChecked());
  assert.ok(await user.page.locator('input[name="competition"][value="off"]').isChecked());
  assert.ok(await user.page.locator('input[name="replication"][value="immediately"]').isChecked());
  await admin.context.close();
  await user.context.close();
});
