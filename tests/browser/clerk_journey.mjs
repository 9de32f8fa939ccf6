// A school clerk on a phone-sized screen fills the report: a message next to a field that is too
// large, a saved draft, a dropped connection while typing, nothing lost, a submission. Then the
// commune's coordinator sees the unit turn "submitted" with the totals changed, a clerk without
// JavaScript still saves, and a reporter typing another unit's address gets the 403 page.
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, shot, step, finish } from './browser_support.mjs';

const unitUrl = baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH1';

function number(text) {
  return parseInt(String(text).replace(/\./g, '').trim(), 10);
}

async function dashboardFigures(page) {
  await page.goto(baseUrl + '/dot/1/tong-quan/HP-ANHUNG');
  const participants = await page.locator('#main-totals tr', { hasText: 'Người tham gia (các nhóm có số liệu)' }).locator('td').textContent();
  return {
    submitted: number(await page.locator('#count-submitted').textContent()),
    missing: number(await page.locator('#count-missing').textContent()),
    participants: number(participants),
  };
}

async function main() {
  const coordinator = await openBrowser({ viewport: { width: 1280, height: 900 } });
  await signIn(coordinator.page, 'xa.anhung');
  const before = await dashboardFigures(coordinator.page);

  const clerk = await openBrowser({ viewport: { width: 360, height: 740 } });
  const page = clerk.page;
  try {
    await step('the clerk signs in and lands on the unit report form', async () => {
      await signIn(page, 'th1.anhung');
      assert.equal(page.url(), unitUrl);
      await page.getByRole('heading', { name: 'Trường Tiểu học An Hưng' }).waitFor();
      const theme = await page.locator('.theme').textContent();
      assert.match(theme, /Học để phát triển bản thân/);
      assert.match(await page.locator('.dates').textContent(), /01\/10\/2025 – 07\/10\/2025/);
    });

    await step('participants above the population show a message next to the field', async () => {
      await page.getByLabel('Số bài viết phát trên Đài, Báo, cổng thông tin').fill('3');
      await page.getByLabel('Tỷ lệ người tham gia — số người tham gia: học sinh').fill('99999');
      const box = page.locator('#f-participants_students-err');
      await box.waitFor({ state: 'visible' });
      assert.match(await box.textContent(), /không được lớn hơn số học sinh của đơn vị \(421\)/);
      // Saving with a message beside a box lists it in the summary instead of sending the form.
      await page.locator('#save-draft').click();
      await page.locator('#error-summary').waitFor({ state: 'visible' });
      assert.match(await page.locator('#error-summary').textContent(), /Có 1 ô cần sửa/);
      // Without the browser's check the server answers with the same message beside the box.
      await Promise.all([page.waitForNavigation(), page.evaluate(() => {
        const form = document.getElementById('report-form');
        const action = document.createElement('input');
        action.type = 'hidden'; action.name = 'action'; action.value = 'save';
        form.appendChild(action);
        HTMLFormElement.prototype.submit.call(form);
      })]);
      const server = page.locator('#f-participants_students-err');
      await server.waitFor();
      assert.match(await server.textContent(), /không được lớn hơn số học sinh của đơn vị \(421\)/);
      await shot(page, '1-field-message');
    });

    await step('a corrected value saves the draft', async () => {
      await page.getByLabel('Tỷ lệ người tham gia — số người tham gia: học sinh').fill('400');
      await Promise.all([page.waitForNavigation(), page.locator('#save-draft').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã lưu bản nháp/);
      assert.equal(await page.getByLabel('Tỷ lệ người tham gia — số người tham gia: học sinh').inputValue(), '400');
      // 400 of the 421 students; the other groups were left empty and do not dilute the rate.
      assert.match(await page.locator('#live-rate').textContent(), /^95(,0)?%$/);
    });

    await step('typing while offline keeps the text and saves it once back online', async () => {
      await clerk.context.setOffline(true);
      const advantages = page.locator('#f-advantages');
      await advantages.fill('Học sinh hào hứng <script>alert("x")</script> tham gia');
      await page.locator('#autosave-status.offline').waitFor({ timeout: 10000 });
      await shot(page, '2-offline');
      await clerk.context.setOffline(false);
      await page.waitForFunction(() => /Đã tự động lưu/.test(document.getElementById('autosave-status').textContent), null, { timeout: 15000 });
      await page.reload();
      assert.equal(await page.locator('#f-advantages').inputValue(), 'Học sinh hào hứng <script>alert("x")</script> tham gia');
      assert.equal(await page.getByLabel('Số bài viết phát trên Đài, Báo, cổng thông tin').inputValue(), '3');
      assert.equal(await page.locator('#offline-offer').isHidden(), true);
    });

    await step('a table row is added in place and saved', async () => {
      await page.locator('#f-directives [data-add-row]').click();
      await page.waitForURL(unitUrl);  // no row yet: the server adds the first one
      await page.getByLabel('Trích yếu (dòng 1)').fill('Kế hoạch tổ chức Tuần lễ của trường');
      await page.locator('#f-directives [data-add-row]').click();  // now JavaScript copies the row
      await page.getByLabel('Trích yếu (dòng 2)').fill('Công văn hướng dẫn');
      await Promise.all([page.waitForNavigation(), page.locator('#save-draft').click()]);
      assert.equal(await page.getByLabel('Trích yếu (dòng 2)').inputValue(), 'Công văn hướng dẫn');
    });

    await step('the clerk submits after the confirmation', async () => {
      await Promise.all([page.waitForNavigation(), page.locator('#submit-report').click()]);
      await page.locator('#confirm-box').waitFor();
      await Promise.all([page.waitForNavigation(), page.locator('#confirm-submit').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã nộp báo cáo/);
      assert.equal((await page.locator('#report-status').textContent()).trim(), 'Đã nộp');
      // The narrative with <script> shows as text in the read-only report.
      assert.match(await page.locator('main').textContent(), /<script>alert\("x"\)<\/script>/);
      await shot(page, '3-submitted');
    });

    await step('a reporter who types another unit\'s address gets the 403 page', async () => {
      const response = await page.goto(baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH2');
      assert.equal(response.status(), 403);
      assert.match(await page.locator('h1').textContent(), /không có quyền/);
    });
    assert.deepEqual(clerk.problems, []);
  } finally {
    await clerk.close();
  }

  try {
    const page = coordinator.page;
    await step('the coordinator sees the unit submitted and the totals changed by its figures', async () => {
      const after = await dashboardFigures(page);
      assert.equal(after.submitted, before.submitted + 1);
      assert.equal(after.missing, before.missing - 1);
      assert.equal(after.participants, before.participants + 400);
      await page.getByLabel('Tìm đơn vị (gõ có dấu hay không dấu đều được)').fill('truong tieu hoc an hung');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Tìm' }).click()]);
      const row = page.locator('#unit-list tr[data-unit="HP-ANHUNG-TH1"]');
      assert.match(await row.textContent(), /Đã nộp/);
      assert.equal(await page.locator('#unit-list tbody tr').count(), 1);
      await shot(page, '4-dashboard');
      await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: 'Trường Tiểu học An Hưng' }).click()]);
      assert.equal(await page.locator('#report-form').count(), 0);  // read-only
      assert.match(await page.locator('main').textContent(), /<script>alert\("x"\)<\/script>/);
    });

    await step('the coordinator writes the consolidated narrative and finds it after a reload', async () => {
      await page.goto(baseUrl + '/dot/1/tong-hop/HP-ANHUNG');
      await page.getByLabel('Thuận lợi', { exact: true }).fill('Các trường phối hợp tốt. <script>alert(2)</script>');
      await Promise.all([page.waitForNavigation(), page.locator('#save-narrative').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã lưu báo cáo tổng hợp/);
      await page.reload();
      assert.equal(await page.getByLabel('Thuận lợi', { exact: true }).inputValue(), 'Các trường phối hợp tốt. <script>alert(2)</script>');
      await shot(page, '5-consolidated');
    });
    assert.deepEqual(coordinator.problems, []);
  } finally {
    await coordinator.close();
  }

  const noScript = await openBrowser({ javaScriptEnabled: false, viewport: { width: 1024, height: 768 } });
  try {
    await step('without JavaScript a draft still saves and rows are added by the server', async () => {
      const p = noScript.page;
      await signIn(p, 'mn1.anhung');
      await p.getByLabel('Số pano, băng zôn tuyên truyền').fill('7');
      await Promise.all([p.waitForNavigation(), p.locator('#f-directives [data-add-row]').click()]);
      const rows = await p.locator('#f-directives tbody tr').count();
      await p.getByLabel(`Trích yếu (dòng ${rows})`).fill('Kế hoạch số 5');
      await Promise.all([p.waitForNavigation(), p.locator('#save-draft').click()]);
      assert.match(await p.locator('#notice').textContent(), /Đã lưu bản nháp/);
      assert.equal(await p.getByLabel('Số pano, băng zôn tuyên truyền').inputValue(), '7');
      assert.equal(await p.getByLabel(`Trích yếu (dòng ${rows})`).inputValue(), 'Kế hoạch số 5');
    });
  } finally {
    await noScript.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
