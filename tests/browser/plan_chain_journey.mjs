// The chain from the first link (issue 13): the city's coordinator starts the year's campaign and
// issues the city's plan; the commune's coordinator opens its own plan from its dashboard, finds a first draft made from the
// city's plan and its own units, copies last year's closing sentence and sees the year flagged
// before issue, fixes it, previews the document and issues it; it prints the account slips; a
// school signs in with its slip, sets its password, finds the commune's plan, its own tasks and the
// commune's deadline on its report page, and reports; the commune's dashboard counts it. Every page
// is screenshotted at 1366×768 and 360×800 and must not be wider than the phone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  artifacts, baseUrl, download, finish, fitsThePhone, openBrowser, pdfText, shot, signIn, step,
} from './browser_support.mjs';

const work = mkdtempSync(join(tmpdir(), 'llw-plan-chain-'));

async function main() {
  const city = await openBrowser({ viewport: { width: 1366, height: 768 } });
  const { page, close, problems } = await openBrowser({ viewport: { width: 1366, height: 768 } });
  const school = await openBrowser({ viewport: { width: 360, height: 800 } });
  let campaignUrl = '';
  let slip = null;
  try {
    await step('the city coordinator creates the 2027 campaign for the city', async () => {
      await signIn(city.page, 'tp.haiphong');
      await city.page.goto(baseUrl + '/dot/moi');
      await city.page.getByLabel('Năm tổ chức Tuần lễ').fill('2027');
      await city.page.getByLabel('Chủ đề của năm').fill('Học tập suốt đời – nền tảng của xã hội học tập');
      await Promise.all([city.page.waitForNavigation(), city.page.locator('#campaign-new-submit').click()]);
      assert.match(city.page.url(), /\/dot\/\d+\/tong-quan\/HP$/);
      campaignUrl = city.page.url().replace(/\/tong-quan\/HP$/, '');
    });

    await step('the city writes and issues its own plan from its dashboard', async () => {
      await Promise.all([city.page.waitForNavigation(), city.page.locator('#plan-link').click()]);
      assert.equal(city.page.url(), campaignUrl + '/ke-hoach/HP');
      await city.page.getByLabel('Số kế hoạch').fill('120/KH-UBND');
      await city.page.getByLabel('Ngày ban hành (ngày/tháng/năm)').fill('01/10/2027');
      await city.page.getByLabel(/^Căn cứ/).fill(
        'Thực hiện Công văn số 2456/BGDĐT-GDTX ngày 15/9/2027 của Bộ Giáo dục và Đào tạo; Ủy ban nhân dân thành phố ban hành Kế hoạch tổ chức Tuần lễ như sau:');
      assert.equal(await city.page.getByLabel('Hạn các đơn vị bên dưới gửi báo cáo').inputValue(), '12/10/2027');
      await Promise.all([city.page.waitForNavigation(), city.page.locator('#plan-issue').click()]);
      await city.page.locator('#plan-issued').waitFor();
      await fitsThePhone(city.page, '0-city-plan-issued');
    });

    await step('the commune opens its plan from its dashboard and finds a first draft', async () => {
      await signIn(page, 'xa.anhung');
      // The city's plan reached the commune in the app.
      await page.goto(baseUrl + '/thong-bao');
      assert.match(await page.locator('#notification-list').textContent(),
        /Thành phố Hải Phòng đã ban hành kế hoạch/);
      await page.goto(campaignUrl + '/tong-quan/HP-ANHUNG');
      await Promise.all([page.waitForNavigation(), page.locator('#plan-link').click()]);
      assert.equal(page.url(), campaignUrl + '/ke-hoach/HP-ANHUNG');
      assert.match(await page.locator('#plan-theme').textContent(), /nền tảng của xã hội học tập/);
      assert.match(await page.locator('#plan-legal-basis').textContent(),
        /^Thực hiện Kế hoạch số 120\/KH-UBND ngày 01\/10\/2027 của Ủy ban nhân dân thành phố Hải Phòng về tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2027/);
      assert.equal(await page.locator('#assignment_title_0').inputValue() !== '', true);
      const titles = await page.locator('#plan-assignments input').evaluateAll((inputs) => inputs.map((i) => i.value));
      assert.ok(titles.includes('Các trường học'), titles.join(' | '));
      assert.equal(await page.getByLabel('Hạn các đơn vị bên dưới gửi báo cáo').inputValue(), '09/10/2027');
      await fitsThePhone(page, '1-plan-first-draft');
    });

    await step('last year\'s closing sentence is flagged and holds the issue', async () => {
      await page.getByLabel('Số kế hoạch').fill('91/KH-UBND');
      await page.getByLabel('Ngày ban hành (ngày/tháng/năm)').fill('02/10/2027');
      await page.getByLabel('Đoạn kết').fill('Ủy ban nhân dân xã yêu cầu các đơn vị thực hiện nghiêm túc Kế hoạch năm 2026./.');
      await Promise.all([page.waitForNavigation(), page.locator('#plan-issue').click()]);
      assert.match(await page.locator('#plan-warnings').textContent(), /Năm 2026 khác năm của Tuần lễ 2027/);
      assert.match(await page.locator('#plan-message').textContent(), /chưa ban hành/);
      assert.equal(await page.getByLabel('Số kế hoạch').inputValue(), '91/KH-UBND');
      await fitsThePhone(page, '2-plan-year-flagged');
    });

    await step('fixed and saved, the preview shows the document to be issued', async () => {
      await page.getByLabel('Đoạn kết').fill('Ủy ban nhân dân xã yêu cầu các đơn vị thực hiện nghiêm túc Kế hoạch này./.');
      await Promise.all([page.waitForNavigation(), page.locator('#plan-save').click()]);
      assert.equal(await page.locator('#plan-warnings').count(), 0);
      const preview = page.locator('#plan-preview');
      assert.match(await preview.textContent(), /Số: 91\/KH-UBND/);
      assert.match(await preview.textContent(), /trước ngày 09\/10\/2027/);
      await preview.scrollIntoViewIfNeeded();
      await shot(page, '3-plan-preview-1366');
      await page.setViewportSize({ width: 360, height: 800 });
      await preview.scrollIntoViewIfNeeded();
      await shot(page, '3-plan-preview-360');
      await page.setViewportSize({ width: 1366, height: 768 });
      const path = await download(page, page.locator('#plan-preview-pdf'), work, 'du-thao.pdf');
      assert.match(pdfText(path), /91\/KH-UBND/);
    });

    await step('issuing freezes it and offers its documents', async () => {
      await Promise.all([page.waitForNavigation(), page.locator('#plan-issue').click()]);
      await page.locator('#plan-issued').waitFor();
      const path = await download(page, page.locator('#plan-editions a', { hasText: 'Tải PDF' }), work, 'ke-hoach.pdf');
      const text = pdfText(path);
      assert.match(text, /Số: 91\/KH-UBND/);
      assert.match(text, /Các trường học/);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(artifacts, '4-plan-issued')]);
      await fitsThePhone(page, '4-plan-issued');
    });

    await step('the commune prints the slips of a school', async () => {
      await page.goto(baseUrl + '/quan-tri/tai-khoan-don-vi');
      if (await page.locator('#accounts-create-pdf').count() > 0) {
        await download(page, page.locator('#accounts-create-pdf'), work, 'phieu-tai-khoan.pdf');
        await page.reload();
      }
      await page.locator('input[name="reset_th2.anhung"]').check();
      const path = await download(page, page.locator('#accounts-reset-pdf'), work, 'phieu-in-lai.pdf');
      const match = /Tên đăng nhập:\s+(\S+)\s+Mật khẩu dùng một lần:\s+(\S+)/.exec(pdfText(path));
      assert.ok(match, 'the slip has a user name and a password');
      slip = { username: match[1], password: match[2] };
      assert.equal(slip.username, 'th2.anhung');
    });

    await step('the school signs in with its slip and sets its own password', async () => {
      await signIn(school.page, slip.username, slip.password);
      assert.match(school.page.url(), /\/doi-mat-khau$/);
      await school.page.getByLabel('Mật khẩu hiện tại').fill(slip.password);
      await school.page.getByLabel('Mật khẩu mới', { exact: true }).fill('Truong-TH2-2027');
      await school.page.getByLabel('Nhập lại mật khẩu mới').fill('Truong-TH2-2027');
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#change-password-submit').click()]);
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#password-continue').click()]);
    });

    await step('its report page names the commune\'s plan, its tasks and its deadline', async () => {
      await school.page.goto(campaignUrl + '/bao-cao/HP-ANHUNG-TH2');
      const plan = school.page.locator('#plan-above');
      assert.match(await plan.textContent(), /Kế hoạch số 91\/KH-UBND ngày 02\/10\/2027 của Xã An Hưng/);
      // The deadline shown is the commune's, not the city's 12/10.
      assert.match(await school.page.locator('.report-head .dates').textContent(), /Hạn nộp báo cáo: 09\/10\/2027/);
      assert.match(await plan.textContent(), /Các trường học/);
      assert.doesNotMatch(await plan.textContent(), /Các thôn, tổ dân phố/);
      await shot(school.page, '5-school-tasks-360');
      const width = await school.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `the report is ${width}px wide on a 360px phone`);
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#plan-above-link').click()]);
      assert.equal(await school.page.locator('#plan-form').count(), 0);
      assert.match(await school.page.locator('#plan-editions').textContent(), /91\/KH-UBND/);
      await shot(school.page, '5-school-plan-360');
      await school.page.goBack();
    });

    await step('the school reports and the commune\'s dashboard counts it', async () => {
      await school.page.getByLabel('Số bài viết phát trên Đài, Báo, cổng thông tin').fill('3');
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#save-draft').click()]);
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#submit-report').click()]);
      await Promise.all([school.page.waitForNavigation(), school.page.locator('#confirm-submit').click()]);
      assert.match(await school.page.locator('#report-status').textContent(), /Đã nộp/);
      await page.goto(campaignUrl + '/tong-quan/HP-ANHUNG');
      assert.equal(await page.locator('#count-submitted').textContent(), '1');
      await shot(page, '6-commune-dashboard-1366');

    });

    assert.deepEqual(problems, []);
    assert.deepEqual(city.problems, []);
    assert.deepEqual(school.problems, []);
  } finally {
    await school.close();
    await city.close();
    await close();
  }
}

main().then(finish, (error) => { console.error(error); finish(); process.exitCode = 1; });
