// A whole innovation lab in the browser: an organiser creates a lab and
// enrols a unit with its coach and one participant (by invitation); the
// participant works one idea through Drum-up, Diagnose, Design and Delivery,
// the coach and organiser pass the gates (one stage is returned first), the
// participant publishes the idea to the repository. Screenshots of the board
// and the dashboard, on a desktop and on a phone, land in test-artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, startServer, phone, assertFitsScreen, watchProblems } from './lib.js';

let server;
let browser;
let data;
const password = 'kata-sandi-uji-yang-panjang';

before(async () => {
  data = freshData('lab');
  lumbung(data, ['seed-demo', '--count', '40']);
  lumbung(data, ['user', 'add', '--email', 'lab@purbalinggakab.go.id', '--name', 'Bappelitbangda Purbalingga',
    '--role', 'lab_organizer', '--scope', 'region:33.03', '--password-stdin'], password + '\n');
  lumbung(data, ['user', 'add', '--email', 'hesti@lan.go.id', '--name', 'Hesti Annisa', '--role', 'coach',
    '--scope', 'national', '--password-stdin'], password + '\n');
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

test('a lab from creation to publishing one idea', async () => {
  const org = await desktop();
  const problems = watchProblems(org.page);
  await logIn(org.page, 'lab@purbalinggakab.go.id');

  // 1. The organiser creates the lab; a bad date comes back next to its row, nothing lost.
  await org.page.goto(server.url + '/lab/baru');
  assert.equal(await org.page.inputValue('#f-region'), '33.03');
  await org.page.fill('#f-name', 'Laboratorium Inovasi Purbalingga 2022');
  await org.page.fill('#f-organizer', 'Bappelitbangda Kabupaten Purbalingga');
  await org.page.fill('#p1-name', 'Lembaga Administrasi Negara');
  await org.page.fill('#p1-mou', 'MoU-12/2022');
  await org.page.selectOption('#p1-role', 'government');
  await org.page.fill('#s1-start', '2022-10-12');
  await org.page.fill('#s1-end', '2022-10-11');
  await org.page.fill('#s1-place', 'Pendopo Dipokusumo');
  await org.page.fill('#s3-start', '2022-11-23');
  await org.page.selectOption('#s3-mode', 'daring');
  await org.page.fill('#s3-place', 'https://zoom.us/j/123');
  await org.page.fill('#s5-start', '2099-12-15');
  await submit(org.page, 'form.lab-form button[type=submit]');
  assert.match(await org.page.locator('.lab-row.has-error .field-error').first().textContent(), /sebelum/);
  assert.equal(await org.page.inputValue('#f-name'), 'Laboratorium Inovasi Purbalingga 2022');
  await org.page.fill('#s1-end', '2022-10-13');
  await submit(org.page, 'form.lab-form button[type=submit]');
  assert.match(org.page.url(), /\/lab\/\d+\/peserta\?pesan=dibuat$/);
  const labUrl = org.page.url().replace(/\/peserta.*$/, '');

  // 2. Enrol a unit with its coach, then invite one of its people.
  const unitLabel = await org.page.locator('#f-unit option').first().textContent();
  await org.page.selectOption('#f-unit', { index: 0 });
  await org.page.fill('#f-coach', 'hesti@lan.go.id');
  await submit(org.page, `form[action$="/peserta"] button[type=submit]`);
  assert.match(await org.page.locator('table').first().textContent(), /Hesti Annisa/);
  await org.page.fill('#f-email', 'ani@purbalinggakab.go.id');
  await org.page.fill('#f-pname', 'Ani Rahayu');
  await submit(org.page, `form[action$="/peserta/orang"] button[type=submit]`);
  const invite = (await org.page.locator('.notice code').textContent()).match(/\/undangan\/\S+/)[0];
  // A CSV with a bad row writes nothing and says which row and column.
  await org.page.fill('#f-csv', 'unit,email\nUnit Yang Tidak Ada,x@y.go.id\n');
  await submit(org.page, `form[action$="/peserta/csv"] button[type=submit]`);
  assert.match(await org.page.locator('.csv-problems').textContent(), /2[\s\S]*unit[\s\S]*tidak ada/i);

  // 3. The participant accepts the invitation and adds an idea.
  const ani = await phone(browser);
  await ani.page.goto(server.url + invite);
  await ani.page.fill('#f-password', password);
  await ani.page.fill('#f-password_again', password);
  await submit(ani.page, 'main form[method=post] button[type=submit]');
  await ani.page.goto(labUrl);
  await ani.page.fill('#f-idea-title', 'Pendaftaran pasien daring lewat WhatsApp');
  await submit(ani.page, 'form[action$="/ide"] button[type=submit]');
  const ideaUrl = ani.page.url().replace(/\?.*$/, '');
  assert.match(ideaUrl, /\/lab\/\d+\/ide\/\d+$/);
  await assertFitsScreen(ani.page);

  const coach = await desktop();
  await logIn(coach.page, 'hesti@lan.go.id');
  const gate = async (who, stage, decision = 'complete', reason = '') => {
    await who.page.goto(`${ideaUrl}?tahap=${stage}`);
    if (reason) await who.page.fill('#f-reason', reason);
    await submit(who.page, `form.lab-gate button[value=${decision}]`);
  };

  // Drum-up: returned once with a reason, then completed.
  await ani.page.fill('#f-leader_name', 'dr. Hanung Wikantono');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  await gate(coach, 'drumup', 'complete');
  assert.match(await coach.page.locator('.alert').textContent(), /belum bisa/);
  await gate(coach, 'drumup', 'return', 'Pernyataan komitmen pimpinan belum ada.');
  await ani.page.goto(`${ideaUrl}?tahap=drumup`);
  assert.match(await ani.page.locator('.alert').textContent(), /komitmen pimpinan/);
  await ani.page.fill('#f-leader_position', 'Kepala Dinas Kesehatan');
  await ani.page.fill('#f-commitment', 'Mendukung penuh dan menyediakan anggaran uji coba.');
  await ani.page.fill('#f-commitment_date', '2022-10-12');
  for (let i = 1; i <= 5; i++) await ani.page.selectOption(`#f-readiness_${i}`, '4');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  await gate(coach, 'drumup');

  // Diagnose: two problems, ranked by USG; similar solutions beside them.
  await ani.page.goto(`${ideaUrl}?tahap=diagnose`);
  await ani.page.fill('#f-problems_1_problem', 'Arsip rapat tidak tertata');
  for (const [f, v] of [['urgency', '2'], ['seriousness', '2'], ['growth', '1']])
    await ani.page.selectOption(`#f-problems_1_${f}`, v);
  await ani.page.fill('#f-problems_2_problem', 'Antrean pasien puskesmas sangat panjang');
  for (const [f, v] of [['urgency', '5'], ['seriousness', '5'], ['growth', '4']])
    await ani.page.selectOption(`#f-problems_2_${f}`, v);
  await ani.page.fill('#f-root_causes', 'Pendaftaran manual di loket, satu petugas.');
  await ani.page.fill('#f-idea_statement', 'Pasien mendaftar lewat WhatsApp dan datang saat nomornya dekat.');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  const usg = ani.page.locator('table.lab-usg tbody tr');
  assert.equal(await usg.count(), 2);
  assert.match(await usg.first().textContent(), /Antrean pasien[\s\S]*14/);
  assert.equal(await ani.page.locator('.lab-similar').count(), 1);
  await ani.page.screenshot({ path: path.join(artifacts, 'lab-diagnose-phone.png'), fullPage: true });
  await gate(org, 'diagnose');

  // Design.
  await ani.page.goto(`${ideaUrl}?tahap=design`);
  await ani.page.fill('#f-milestones_1_title', 'Uji coba di tiga puskesmas');
  await ani.page.fill('#f-milestones_1_due', '2022-11-30');
  await ani.page.fill('#f-milestones_1_owner', 'Kasi Pelayanan Kesehatan');
  await ani.page.fill('#f-risks', 'Jaringan internet di desa lemah.');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  await gate(coach, 'design');

  // Delivery, with a bad evidence link first.
  await ani.page.goto(`${ideaUrl}?tahap=delivery`);
  await ani.page.fill('#f-log_1_milestone', 'Uji coba di tiga puskesmas');
  await ani.page.fill('#f-log_1_done_on', '2022-12-01');
  await ani.page.fill('#f-log_1_activity', 'Pendaftaran WhatsApp berjalan di Puskesmas Bobotsari');
  await ani.page.fill('#f-log_1_evidence_url', 'foto-kegiatan.jpg');
  await ani.page.fill('#f-results', 'Antrean di loket berkurang.');
  await ani.page.fill('#f-result_figure', 'Waktu tunggu turun dari 90 menjadi 20 menit');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  assert.match(await ani.page.locator('.has-error .field-error').first().textContent(), /https/);
  assert.equal(await ani.page.inputValue('#f-results'), 'Antrean di loket berkurang.');
  await ani.page.fill('#f-log_1_evidence_url', 'https://drive.example.id/foto-kegiatan');
  await submit(ani.page, 'form.lab-stage-form button[type=submit]');
  // The coach comments and scores, the participant replies.
  await coach.page.goto(`${ideaUrl}?tahap=delivery`);
  await coach.page.fill('#f-comment', 'Tambahkan jumlah pasien yang memakai layanan.');
  await submit(coach.page, 'form:has(#f-comment) button[type=submit]');
  await coach.page.selectOption('#f-score_1', '4');
  await submit(coach.page, 'form.lab-score button[type=submit]');
  await ani.page.goto(`${ideaUrl}?tahap=delivery`);
  await ani.page.locator('form.lab-reply textarea').first().fill('Sudah: 1.200 pasien dalam sebulan.');
  await submit(ani.page, 'form.lab-reply button[type=submit]');
  assert.match(await ani.page.locator('.lab-comments').textContent(), /1\.200 pasien/);
  await gate(coach, 'delivery');
  // The coach records a coaching clinic with a follow-up action.
  await coach.page.goto(labUrl + '/klinik');
  await coach.page.fill('#f-held_on', '2022-12-02');
  await coach.page.fill('#f-attendees', 'Ani Rahayu, Kepala Dinas');
  await coach.page.fill('#f-notes', 'Menyiapkan bahan expo.');
  await coach.page.fill('#a1-action', 'Siapkan poster expo');
  await coach.page.fill('#a1-owner', 'Ani Rahayu');
  await coach.page.fill('#a1-due', '2022-12-10');
  await submit(coach.page, 'form.lab-clinic-form button[type=submit]');
  assert.match(await coach.page.locator('.lab-clinics').textContent(), /Siapkan poster expo[\s\S]*Ani Rahayu/);

  // 4. Published to the repository as a draft innovation of the unit.
  await ani.page.goto(ideaUrl);
  await submit(ani.page, 'form[action$="/terbitkan"] button[type=submit]');
  const innovationHref = await ani.page.locator('.notice a[href^="/inovasi/"]').getAttribute('href');
  assert.match(innovationHref, /^\/inovasi\/\d+/);
  // The draft's profile names the lab idea it came from and links back.
  await ani.page.goto(server.url + innovationHref);
  const back = await ani.page.locator(`a[href="${new URL(ideaUrl).pathname}"]`).count();
  assert.equal(back, 1);

  // 5. Board and dashboard, desktop and phone.
  await org.page.goto(labUrl + '/papan');
  assert.match(await org.page.locator('.lab-column').nth(4).textContent(), /Pendaftaran pasien daring/);
  await org.page.screenshot({ path: path.join(artifacts, 'lab-board.png'), fullPage: true });
  await org.page.goto(labUrl);
  assert.match(await org.page.locator('.lab-headline').textContent(), /1 ide dari 1 /);
  assert.match(await org.page.locator('body').textContent(), /Hesti Annisa/);
  await org.page.screenshot({ path: path.join(artifacts, 'lab-dashboard.png'), fullPage: true });
  const orgPhone = await phone(browser);
  await logIn(orgPhone.page, 'lab@purbalinggakab.go.id');
  for (const [url, name] of [[labUrl + '/papan', 'lab-board-phone.png'], [labUrl, 'lab-dashboard-phone.png'],
    [`${ideaUrl}?tahap=delivery`, 'lab-idea-phone.png']]) {
    await orgPhone.page.goto(url);
    await assertFitsScreen(orgPhone.page, url);
    await orgPhone.page.screenshot({ path: path.join(artifacts, name), fullPage: true });
  }
  assert.ok(unitLabel.length > 0);
  assert.deepEqual(problems, []);
});
