// The demo that scripts/run.sh serves (seed-demo --accounts), seen by each of
// its logins and by the public, on a desktop and on a phone: every area shows
// seeded data, nothing fails to load, no page is wider than the screen.
// Screenshots land in test-artifacts/demo-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { artifacts, freshData, launchBrowser, lumbung, startServer, assertFitsScreen, watchProblems, logIn } from './lib.js';

let server;
let browser;
let data;
const passwords = {};

before(async () => {
  data = freshData('demo');
  lumbung(data, ['seed-demo', '--count', '1500', '--accounts']);
  for (const line of readFileSync(path.join(data, 'demo-accounts.txt'), 'utf8').split('\n')) {
    const [email, password] = line.trim().split(/\s+/);
    if (email) passwords[email] = password;
  }
  server = await startServer(data);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const year = new Date().getUTCFullYear();
// [login (null = public), path, text the page must show]
const pages = [
  [null, '/replikasi', 'Kabupaten Lebak'],
  [null, '/iid', 'Kota Parepare'],
  [null, '/kompetisi', `Kompetisi Inovasi Pelayanan Publik ${year}`],
  [null, '/kompetisi/1/hasil', `Top 3 KIPP ${year - 1}`],
  [null, '/hub/1', 'Forum Replikasi Inovasi Pelayanan Publik'],
  ['lab.makassar@demo.lumbung.example', '/lab/1', 'Labinov Beken Kota Makassar'],
  ['lab.makassar@demo.lumbung.example', '/lab/1/papan', 'Dukcapil Jemput Bola Lorong'],
  ['makassar@demo.lumbung.example', '/replikasi/permintaan', 'Transfer berjalan'],
  ['makassar@demo.lumbung.example', `/iid/${year}/pengisian`, 'bukti-1.pdf'],
  ['juri@demo.lumbung.example', '/kompetisi/3/panel', 'Juri Demo'],
];

for (const width of [1280, 390]) {
  test(`every area of the demo at ${width} px`, async () => {
    for (const who of [null, ...new Set(pages.map(([w]) => w).filter(Boolean))]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'id-ID' });
      const page = await context.newPage();
      const problems = watchProblems(page);
      if (who) await logIn(page, server.url, who, passwords[who]);
      for (const [login, target, text] of pages.filter(([w]) => w === who)) {
        const response = await page.goto(server.url + target);
        assert.equal(response.status(), 200, target);
        assert.ok((await page.textContent('main, body')).includes(text), `${target} shows "${text}"`);
        await assertFitsScreen(page, `${target} at ${width}px`);
        const name = `demo-${(login ?? 'public').split('@')[0]}${target.replace(/[/?=&.]/g, '_')}-${width}.png`;
        await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  });
}
