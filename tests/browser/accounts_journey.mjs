// A commune starts its year and hands out accounts: the coordinator creates next year's campaign
// from the year alone (the name and dates follow the year as it is typed), sees a wrong date
// refused next to its field with the form kept, creates it, creates the accounts of every unit
// that has none and downloads the slips PDF, then reprints a school's slip (a reset). The school
// signs in with the password read from its slip (pdftotext), is held on the change-password page
// until it sets its own, and then reaches its report in the new campaign. Pages are screenshotted
// at 1366×768 and 360×800 and must not be wider than the phone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  artifacts, baseUrl, download, finish, fitsThePhone, openBrowser, pdfText, shot, signIn, step,
} from './browser_support.mjs';

const work = mkdtempSync(join(tmpdir(), 'llw-accounts-journey-'));

// The slips of a PDF's text: [{unit, username, password}].
function slipsOf(text) {
  const slips = [];
  const pattern = /Đơn vị: ([^\n]+)\nTên đăng nhập:\s+(\S+)\s+Mật khẩu dùng một lần:\s+(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    slips.push({ unit: match[1], username: match[2], password: match[3] });
  }
  return slips;
}

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 1366, height: 768 } });
  const school = await openBrowser({ viewport: { width: 360, height: 800 } });
  let campaignUrl = '';
  let slip = null;
  try {
    await step('the coordinator opens the new campaign page from the menu', async () => {
      await signIn(page, 'xa.anhung');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tạo đợt mới' }).click()]);
      await page.getByRole('heading', { name: 'Tạo đợt báo cáo mới' }).waitFor();
      assert.match(await page.locator('#campaign-new-issuer').textContent(), /HP-ANHUNG/);
      await shot(page, '1-new-campaign');
      await fitsThePhone(page, '1-new-campaign');
    });

    await step('typing the year moves the name and every date to it', async () => {
      await page.getByLabel('Năm tổ chức Tuần lễ').fill('2027');
      assert.equal(await page.getByLabel('Tên đợt báo cáo').inputValue(),
        'Tuần lễ hưởng ứng học tập suốt đời năm 2027');
      assert.equal(await page.getByLabel(/^Ngày bắt đầu Tuần lễ/).inputValue(), '01/10/2027');
      assert.equal(await page.getByLabel(/^Ngày kết thúc Tuần lễ/).inputValue(), '07/10/2027');
      assert.equal(await page.getByLabel(/^Hạn gửi báo cáo/).inputValue(), '12/10/2027');
      assert.equal(await page.getByLabel(/^Ngày khóa báo cáo/).inputValue(), '31/10/2027');
    });

    await step('an impossible deadline is refused next to its field, the form kept', async () => {
      await page.getByLabel('Chủ đề của năm').fill('Học tập suốt đời – nền tảng của xã hội học tập');
      await page.getByLabel(/^Hạn gửi báo cáo/).fill('31/02/2027');
      await Promise.all([page.waitForNavigation(), page.locator('#campaign-new-submit').click()]);
      assert.match(await page.locator('#deadline-err').textContent(), /Ngày không hợp lệ/);
      assert.equal(await page.getByLabel('Chủ đề của năm').inputValue(),
        'Học tập suốt đời – nền tảng của xã hội học tập');
      assert.equal(await page.getByLabel('Năm tổ chức Tuần lễ').inputValue(), '2027');
      await shot(page, '2-new-campaign-refused');
      await fitsThePhone(page, '2-new-campaign-refused');
    });

    await step('the fixed form creates the campaign and shows its dashboard', async () => {
      await page.getByLabel(/^Hạn gửi báo cáo/).fill('12/10/2027');
      await Promise.all([page.waitForNavigation(), page.locator('#campaign-new-submit').click()]);
      assert.match(page.url(), /\/dot\/\d+\/tong-quan\/HP-ANHUNG$/);
      campaignUrl = page.url().replace(/\/tong-quan\/HP-ANHUNG$/, '');
      await shot(page, '3-campaign-dashboard');
    });

    await step('the accounts page lists the units without an account and prints their slips', async () => {
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tài khoản đơn vị' }).click()]);
      await page.getByRole('heading', { name: 'Tài khoản cho các đơn vị' }).waitFor();
      assert.match(await page.locator('#accounts-units').textContent(), /th2\.anhung/);
      await shot(page, '4-unit-accounts');
      await fitsThePhone(page, '4-unit-accounts');
      const path = await download(page, page.locator('#accounts-create-pdf'), work, 'phieu-tai-khoan.pdf');
      const slips = slipsOf(pdfText(path));
      assert.ok(slips.length > 0, 'the slips PDF has slips');
      assert.ok(slips.every((s) => /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(s.password)));
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(artifacts, '5-slips')]);
      await page.reload();
      assert.equal(await page.locator('#accounts-create-pdf').count(), 0);  // none left without one
    });

    await step('reprinting a school slip resets its password', async () => {
      await page.locator('input[name="reset_th2.anhung"]').check();
      const path = await download(page, page.locator('#accounts-reset-pdf'), work, 'phieu-in-lai.pdf');
      const slips = slipsOf(pdfText(path));
      assert.equal(slips.length, 1);
      assert.equal(slips[0].username, 'th2.anhung');
      assert.match(slips[0].unit, /^Trường Tiểu học .+ \(HP-ANHUNG-TH2\)$/);
      slip = slips[0];
    });

    await step('the school signs in with its slip and must set its own password first', async () => {
      await signIn(school.page, slip.username, slip.password);
      assert.match(school.page.url(), /\/doi-mat-khau$/);
      await school.page.locator('#must-change').waitFor();
      await shot(school.page, '6-must-change-360');
      await school.page.goto(campaignUrl + '/bao-cao/HP-ANHUNG-TH2');
      assert.match(school.page.url(), /\/doi-mat-khau$/);
      await school.page.getByLabel('Mật khẩu hiện tại').fill(slip.password);
      await school.page.getByLabel('Mật khẩu mới', { exact: true }).fill('Truong-TH2-2027');
      await school.page.getByLabel('Nhập lại mật khẩu mới').fill('Truong-TH2-2027');
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#change-password-submit').click()]);
      assert.match(await school.page.locator('#password-saved').textContent(), /Đã đổi mật khẩu/);
    });

    await step('then it reaches its report in the new campaign', async () => {
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#password-continue').click()]);
      assert.equal(school.page.url(), campaignUrl + '/bao-cao/HP-ANHUNG-TH2');
      await school.page.getByRole('heading', { name: /Trường Tiểu học/ }).first().waitFor();
      await shot(school.page, '7-school-report-360');
      const width = await school.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the report is ${width}px wide on a 360px phone`);
    });

    assert.deepEqual(problems, []);
    assert.deepEqual(school.problems, []);
  } finally {
    await school.close();
    await close();
  }
}

main().then(finish, (error) => { console.error(error); finish(); process.exitCode = 1; });
