// Reporting up: the commune's coordinator sends the commune's consolidated report to the city
// (after ticking the confirmation box); the city's coordinator returns it with a comment; the
// commune's coordinator, on a phone-sized screen too, reads the comment on the panel and sends
// the report again; the city accepts it and the panel says so. Each step is checked on the page
// and on the JSON API's state of the consolidated report.
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, shot, step, finish, tokenOf } from './browser_support.mjs';

const communeUrl = baseUrl + '/dot/1/tong-hop/HP-ANHUNG';
const apiPath = '/api/v1/campaigns/1/consolidated/HP-ANHUNG';
const comment = 'Thiếu số liệu của thôn 3, hãy bổ sung rồi gửi lại. <i>Gấp</i>';

// The consolidated report as the JSON API gives it to `username`.
async function apiReport(username) {
  const token = await tokenOf(username);
  const reply = await fetch(baseUrl + apiPath, { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(reply.status, 200);
  return reply.json();
}

async function panelStatus(page) {
  return (await page.locator('#up-status strong').textContent()).trim();
}

// Ticks the confirmation and sends the report up; the panel then says it was sent.
async function submitUp(page) {
  await page.locator('#up-confirm').check();
  await Promise.all([page.waitForNavigation(), page.locator('#up-submit').click()]);
  assert.equal((await page.locator('#up-notice').textContent()).trim(),
    'Đã gửi báo cáo tổng hợp lên cấp trên.');
  assert.equal(await panelStatus(page), 'đã nộp');
}

async function main() {
  const commune = await openBrowser({ viewport: { width: 1280, height: 900 } });
  const phone = await openBrowser({ viewport: { width: 360, height: 740 } });
  const city = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await step('the commune sends its consolidated report up only after confirming', async () => {
      const page = commune.page;
      await signIn(page, 'xa.anhung');
      await page.goto(communeUrl);
      await page.locator('#reporting-up').waitFor();
      assert.equal(await panelStatus(page), 'chưa bắt đầu');
      // Without the tick the browser keeps the form; without the browser's check the server
      // refuses and says what to do, and nothing is sent.
      await page.locator('#up-submit').click();
      assert.equal(page.url(), communeUrl);
      await page.locator('#up-confirm').evaluate((el) => el.removeAttribute('required'));
      await Promise.all([page.waitForNavigation(), page.locator('#up-submit').click()]);
      assert.match(await page.locator('#up-error').textContent(), /Hãy đánh dấu ô xác nhận/);
      assert.equal((await apiReport('xa.anhung')).status, 'not_started');
      await shot(page, '1-confirm-required');

      await submitUp(page);
      const sent = await apiReport('xa.anhung');
      assert.equal(sent.status, 'submitted');
      assert.ok(sent.snapshot, 'the submission froze a snapshot');
      // The commune cannot review its own report.
      assert.equal(await page.locator('#up-return-form').count(), 0);
      assert.equal(await page.locator('#up-accept').count(), 0);
    });

    await step('the city sees the submitted report and returns it with a comment', async () => {
      const page = city.page;
      await signIn(page, 'tp.haiphong');
      await page.goto(communeUrl);
      assert.equal(await panelStatus(page), 'đã nộp');
      assert.equal(await page.locator('#up-submit-form').count(), 0);
      await page.locator('#up-return-comment').fill(comment);
      await shot(page, '2-city-reviews');
      await Promise.all([page.waitForNavigation(), page.locator('#up-return').click()]);
      assert.equal((await page.locator('#up-notice').textContent()).trim(),
        'Đã trả lại báo cáo tổng hợp kèm nhận xét.');
      assert.equal(await panelStatus(page), 'bị trả lại');
      const returned = await apiReport('tp.haiphong');
      assert.equal(returned.status, 'returned');
      assert.equal(returned.comment, comment);
    });

    await step('the commune reads the comment, on a phone too, and sends the report again', async () => {
      const page = commune.page;
      await page.goto(communeUrl);
      assert.equal(await panelStatus(page), 'bị trả lại');
      // The comment shows as text, markup and all.
      assert.equal((await page.locator('#up-comment .comment').textContent()).trim(), comment);

      const small = phone.page;
      await signIn(small, 'xa.anhung');
      await small.goto(communeUrl + '#reporting-up');
      const box = small.locator('#up-comment');
      await box.waitFor();
      assert.equal((await box.locator('.comment').textContent()).trim(), comment);
      const where = await box.boundingBox();
      assert.ok(where && where.x >= 0 && where.x + where.width <= 360,
        'the comment fits the phone screen: ' + JSON.stringify(where));
      assert.ok(where.y >= 0 && where.y < 740, 'the comment is on screen at the panel');
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 360, 'no sideways scrolling on a phone: ' + overflow);
      await shot(small, '3-comment-on-phone');

      await submitUp(page);
      assert.equal(await page.locator('#up-comment').count(), 0);
      assert.equal((await apiReport('xa.anhung')).status, 'submitted');
    });

    await step('the city accepts and the panel shows the report accepted', async () => {
      const page = city.page;
      await page.goto(communeUrl);
      assert.equal(await panelStatus(page), 'đã nộp');
      await Promise.all([page.waitForNavigation(), page.locator('#up-accept').click()]);
      assert.equal((await page.locator('#up-notice').textContent()).trim(),
        'Đã chấp nhận báo cáo tổng hợp.');
      assert.equal(await panelStatus(page), 'đã duyệt');
      await page.locator('#up-reopen-form').waitFor();
      await shot(page, '4-accepted');

      await commune.page.goto(communeUrl);
      assert.equal(await panelStatus(commune.page), 'đã duyệt');
      assert.equal(await commune.page.locator('#up-submit-form').count(), 0);
      const accepted = await apiReport('xa.anhung');
      assert.equal(accepted.status, 'accepted');
      assert.deepEqual(accepted.versions.map((v) => v.action),
        ['accept', 'submit', 'return', 'submit']);
    });
    assert.deepEqual(commune.problems, []);
    assert.deepEqual(phone.problems, []);
    assert.deepEqual(city.problems, []);
  } finally {
    await commune.close();
    await phone.close();
    await city.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
