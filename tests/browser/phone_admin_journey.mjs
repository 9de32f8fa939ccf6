// The admin pages and the navigation on a phone (360×800) and a PC (1366×768): the header is
// short on both, the accounts, audit and dashboard pages are never wider than the phone, the
// campaigns page lists the years one may see with the one being looked at marked, and a unit list
// written with Vietnamese column names and values is imported.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, finish, fitsThePhone, openBrowser, shot, signIn, step } from './browser_support.mjs';

const work = mkdtempSync(join(tmpdir(), 'llw-phone-admin-journey-'));

async function headerHeight(page) {
  return page.evaluate(() => document.querySelector('header.top').getBoundingClientRect().height);
}

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 360, height: 800 } });
  try {
    await step('the coordinator\'s header is short on a phone and on a PC', async () => {
      await signIn(page, 'xa.anhung');
      const phone = await headerHeight(page);
      await shot(page, '1-header-360');
      assert.ok(phone <= 120, `header is ${phone}px tall on a phone`);
      await page.setViewportSize({ width: 1366, height: 768 });
      const pc = await headerHeight(page);
      await shot(page, '1-header-1366');
      assert.ok(pc <= 90, `header is ${pc}px tall on a PC`);
    });

    await step('the dashboard, accounts and audit pages fit the phone', async () => {
      await fitsThePhone(page, '2-dashboard');
      for (const [address, name] of [['/quan-tri/tai-khoan', '3-accounts'],
        ['/quan-tri/tai-khoan-don-vi', '4-unit-accounts'], ['/nhat-ky', '5-audit']]) {
        await page.goto(baseUrl + address);
        await fitsThePhone(page, name);
      }
    });

    await step('the campaigns page lists the years and marks the one being looked at', async () => {
      await page.goto(baseUrl + '/');
      const dashboard = page.url();
      await Promise.all([page.waitForNavigation(), page.locator('#nav-campaigns').click()]);
      const items = page.locator('#campaign-list li');
      assert.ok(await items.count() >= 1);
      const current = page.locator('#campaign-list li.current a');
      assert.equal(await current.count(), 1);
      await fitsThePhone(page, '6-campaigns');
      await Promise.all([page.waitForNavigation(), current.click()]);
      assert.equal(page.url(), dashboard);
    });

    await step('a unit list with Vietnamese column names and values is imported', async () => {
      const csv = join(work, 'don-vi.csv');
      writeFileSync(csv, 'Mã;Tên;Loại;Cấp học;Đơn vị cấp trên;Số học sinh\n' +
        'HP-ANHUNG-TH9;Trường Tiểu học Thử Nghiệm;Trường học;Tiểu học;HP-ANHUNG;321\n');
      await page.goto(baseUrl + '/quan-tri/nhap-don-vi');
      await page.setViewportSize({ width: 360, height: 800 });
      await page.locator('#file').setInputFiles(csv);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      await shot(page, '7-import-vietnamese-360');
      assert.match(await page.locator('#import-result').textContent(), /1 đơn vị mới/);
    });

    await step('a wrong Vietnamese kind is named with the accepted words', async () => {
      const csv = join(work, 'sai.csv');
      writeFileSync(csv, 'Mã,Tên,Loại\nHP-ANHUNG-BV,Bệnh viện,Bệnh viện\n');
      await page.locator('#file').setInputFiles(csv);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      await shot(page, '8-import-wrong-360');
      assert.match(await page.locator('#import-errors').textContent(), /Dòng 2:.*Trường học/s);
    });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

main().then(finish, (error) => { console.error(error); finish(); process.exitCode = 1; });
