// The review of a unit's report by the level above: the commune's coordinator returns a submitted
// report with a comment; the school clerk, on a phone-sized screen, sees the comment at the top
// of the form, fixes the figure and submits again; the coordinator finds the notification, opens
// the report from it, sees what changed in the history, and accepts it.
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, shot, step, finish } from './browser_support.mjs';

const unitUrl = baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH1';
const articlesLabel = 'Số bài viết phát trên Đài, Báo, cổng thông tin';
const comment = 'Số bài viết chưa khớp với sổ theo dõi, hãy kiểm tra lại. <b>Gấp</b>';

async function submitReport(page) {
  await Promise.all([page.waitForNavigation(), page.locator('#submit-report').click()]);
  await page.locator('#confirm-box').waitFor();
  await Promise.all([page.waitForNavigation(), page.locator('#confirm-submit').click()]);
  assert.match(await page.locator('#notice').textContent(), /Đã nộp báo cáo/);
}

async function main() {
  const clerk = await openBrowser({ viewport: { width: 360, height: 740 } });
  const coordinator = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await step('the clerk fills in a figure and submits', async () => {
      await signIn(clerk.page, 'th1.anhung');
      assert.equal(clerk.page.url(), unitUrl);
      await clerk.page.getByLabel(articlesLabel).fill('30');
      await Promise.all([clerk.page.waitForNavigation(), clerk.page.locator('#save-draft').click()]);
      await submitReport(clerk.page);
    });

    await step('the coordinator returns the report, after being told a comment is required', async () => {
      const page = coordinator.page;
      await signIn(page, 'xa.anhung');
      await page.goto(unitUrl);
      assert.equal((await page.locator('#report-status').textContent()).trim(), 'Đã nộp');
      await page.locator('#review').waitFor();
      await shot(page, '1-review-forms');
      // An empty comment is stopped by the page, in Vietnamese, under the box (the server says
      // the same without JavaScript: review_phone_journey.mjs).
      await page.locator('#return-report').click();
      assert.match(await page.locator('#return-comment-text-required').textContent(), /Hãy ghi nhận xét/);
      assert.equal(page.url(), unitUrl);
      await page.locator('#return-comment-text').fill(comment);
      await Promise.all([page.waitForNavigation(), page.locator('#return-report').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã trả lại báo cáo/);
      assert.equal((await page.locator('#report-status').textContent()).trim(), 'Bị trả lại');
    });

    await step('the clerk sees the comment at the top of the form, fixes the figure and resubmits', async () => {
      const page = clerk.page;
      await page.goto(unitUrl);
      const box = page.locator('#return-comment');
      await box.waitFor();
      assert.equal((await box.locator('.comment').textContent()).trim(), comment);
      // Shown above the form, on screen without scrolling on a phone.
      const top = await box.boundingBox();
      await shot(page, '2-comment-on-phone');
      assert.ok(top && top.y < 740, `the comment is on the first screen (at ${top && top.y}px)`);
      await page.getByLabel(articlesLabel).fill('12');
      await Promise.all([page.waitForNavigation(), page.locator('#save-draft').click()]);
      assert.equal(await page.getByLabel(articlesLabel).inputValue(), '12');
      await submitReport(page);
      assert.equal((await page.locator('#report-status').textContent()).trim(), 'Đã nộp');
      assert.equal(await page.locator('#return-comment').count(), 0);
    });

    await step('the coordinator sees the notification, opens the report, checks the change, accepts', async () => {
      const page = coordinator.page;
      await page.goto(baseUrl + '/');
      const nav = page.locator('#nav-notifications');
      assert.match(await nav.textContent(), /Thông báo \(\d+\)/);
      await Promise.all([page.waitForNavigation(), nav.click()]);
      const item = page.locator('#notification-list li.unread', { hasText: 'Trường Tiểu học An Hưng' }).first();
      await item.waitFor();
      await shot(page, '3-notifications');
      await Promise.all([page.waitForNavigation(), item.getByRole('link').click()]);
      assert.equal(page.url(), unitUrl);

      await Promise.all([page.waitForNavigation(), page.locator('#history-link').click()]);
      const changed = page.locator('#diff tr', { hasText: articlesLabel });
      assert.match(await changed.textContent(), /30\s*12/);
      await shot(page, '4-history');

      await page.goto(unitUrl);
      await Promise.all([page.waitForNavigation(), page.locator('#accept-report').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã chấp nhận báo cáo/);
      assert.equal((await page.locator('#report-status').textContent()).trim(), 'Đã duyệt');
      await page.locator('#reopen-report').waitFor();
      await shot(page, '5-accepted');

      await page.goto(baseUrl + '/thong-bao');
      await Promise.all([page.waitForNavigation(), page.locator('#mark-read').click()]);
      assert.equal(await page.locator('#notification-list li.unread').count(), 0);
      assert.doesNotMatch(await page.locator('#nav-notifications').textContent(), /\(\d+\)/);
    });

    await step('the clerk finds the report accepted and no longer editable', async () => {
      await clerk.page.goto(unitUrl);
      assert.equal((await clerk.page.locator('#report-status').textContent()).trim(), 'Đã duyệt');
      assert.equal(await clerk.page.locator('#report-form').count(), 0);
      assert.equal(await clerk.page.locator('#review').count(), 0);
    });
    assert.deepEqual(clerk.problems, []);
    assert.deepEqual(coordinator.problems, []);
  } finally {
    await clerk.close();
    await coordinator.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
