// The admin pages and the navigation on a phone (360×800) and a PC (1366×768): the header is
// short on both, the accounts, audit and dashboard pages are never wider than the phone (the
// audit log and the table by unit kind read as cards, the audit log says "Trang 1/N"), the
// campaigns page lists the years one may see with the one being looked at marked, a unit list
// written with Vietnamese column names and values is imported, the import's template downloads
// and imports as it is, a wrong file gets the import page with its problem, and the unit tree
// page marks the units without an account, preselects a school below the commune and finds a new
// parent typed without marks. The audit log reads in Vietnamese (no stored English keys), and a
// file over 1 MB is refused before it is sent and, sent anyway, by the server with the import
// page (413).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, download, finish, fitsThePhone, openBrowser, shot, signIn, step } from './browser_support.mjs';

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
      const current = page.locator('#campaign-list li.current > a');
      assert.equal(await current.count(), 1);
      // Each year links the plans the commune works under (issue 17, item 13).
      const plans = page.locator('#campaign-list li.current ul.plan-links');
      assert.match(await plans.locator('a.plan-pdf').first().getAttribute('href'), /\/ke-hoach\/[^/]+\/tai\/\d+\/pdf$/);
      assert.match(await plans.locator('a.plan-docx').first().getAttribute('href'), /\/ke-hoach\/[^/]+\/tai\/\d+\/docx$/);
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
      assert.match(await page.locator('#import-errors').textContent(), /Dòng 2, cột Loại:.*Trường học/s);
    });

    await step('the audit log says which page of how many, as cards on the phone', async () => {
      await page.goto(baseUrl + '/nhat-ky');
      assert.match(await page.locator('#audit-count').textContent(), /mục khớp với bộ lọc/);
      if (await page.locator('#audit-paging').count()) {
        assert.match(await page.locator('#audit-page').textContent(), /^Trang 1\/\d+$/);
      }
      // The entries read in Vietnamese: the imports above with their counts, no stored English.
      const table = page.locator('#audit-table');
      assert.match(await table.textContent(), /Nhập danh sách đơn vị/);
      assert.match(await table.textContent(), /1 đơn vị mới, 0 đơn vị cập nhật/);
      assert.match(await table.textContent(), /1 dòng có lỗi, không đơn vị nào được lưu/);
      const cells = await table.locator('tbody td').allTextContents();
      for (const cell of cells) {
        assert.doesNotMatch(cell, /^(login|report|unit|user|campaign|plan|reminder)\.[a-z_]+$|created|updated|validation_failed|text\/csv/, cell);
      }
      await fitsThePhone(page, '9-audit-cards');
      await page.goto(baseUrl + '/');
      await page.setViewportSize({ width: 360, height: 800 });
      await page.locator('#by-kind').scrollIntoViewIfNeeded();
      await shot(page, '10-by-kind-cards-360');
      const kindWidth = await page.evaluate(() => document.querySelector('#by-kind').getBoundingClientRect().width);
      assert.ok(kindWidth <= 360, `the table by kind is ${kindWidth}px wide`);
    });

    await step('the import template downloads and imports as it is; a wrong file is listed', async () => {
      await page.goto(baseUrl + '/quan-tri/nhap-don-vi');
      const template = await download(page, page.locator('#template-xlsx'), work, 'mau.xlsx');
      await page.locator('#file').setInputFiles(template);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      assert.match(await page.locator('#import-result').textContent(), /2 đơn vị mới/);
      const picture = join(work, 'anh.png');
      writeFileSync(picture, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]));
      await page.locator('#file').setInputFiles(picture);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      assert.match(await page.locator('#import-errors').textContent(), /Cả tệp:/);
      await fitsThePhone(page, '11-import-wrong-file');
    });

    await step('a file over 1 MB is refused before it is sent, and by the server with the page', async () => {
      await page.goto(baseUrl + '/quan-tri/nhap-don-vi');
      const large = join(work, 'lon.csv');
      writeFileSync(large, 'Mã,Tên,Loại\n' + 'x'.repeat(1200 * 1024));
      await page.locator('#file').setInputFiles(large);
      const message = page.locator('#import-message');
      assert.match(await message.textContent(), /^Tệp nhập quá lớn: tối đa 1 MB\./);
      let posted = false;
      const onRequest = (request) => { if (request.method() === 'POST') posted = true; };
      page.on('request', onRequest);
      await page.locator('#import-submit').click();
      page.off('request', onRequest);
      assert.equal(posted, false, 'the file was not sent');
      assert.match(await message.textContent(), /^Tệp nhập quá lớn: tối đa 1 MB\./);
      await fitsThePhone(page, '14-import-too-large');
      // Sent anyway (without the page's script): the import page again with the same words, 413.
      const csrf = await page.locator('input[name=csrf]').first().inputValue();
      const reply = await page.request.post(baseUrl + '/quan-tri/nhap-don-vi', {
        multipart: { csrf, file: { name: 'lon.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1024 * 1024 + 1024, 'x') } },
      });
      assert.equal(reply.status(), 413);
      assert.match(await reply.text(), /id="import-message">Tệp nhập quá lớn: tối đa 1 MB\./);
    });

    await step('the unit tree marks units without an account and finds a parent without marks', async () => {
      await page.goto(baseUrl + '/quan-tri/don-vi/HP-ANHUNG');
      assert.ok(await page.locator('#children .no-account').count() >= 2);
      assert.equal(await page.locator('#add-kind').inputValue(), 'school');
      await fitsThePhone(page, '12-unit-tree');
      await page.goto(baseUrl + '/quan-tri/don-vi/HP-ANHUNG-THON-MAU');
      await page.setViewportSize({ width: 360, height: 800 });
      await page.locator('#parent-search').fill('van hoa');
      await Promise.all([page.waitForNavigation(), page.locator('#parent-search-submit').click()]);
      const choice = page.locator('#move-parent-choice');
      assert.match(await choice.locator('option').first().textContent(), /Văn hóa/);
      await fitsThePhone(page, '13-parent-search');
      await Promise.all([page.waitForNavigation(), page.locator('#move-submit').click()]);
      assert.match(await page.locator('#unit-notice').textContent(), /Đã chuyển/);
    });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

main().then(finish, (error) => { console.error(error); finish(); process.exitCode = 1; });
