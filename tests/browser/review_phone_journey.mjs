// A coordinator reviewing on a phone (issue 17, points 5, 6, 9 and 13): the school clerk saves
// twice and submits; the commune's coordinator opens the report at 360×800 and reads it as the
// document reads (activities as one table with the plan's content in words, the decision bar on
// screen from the first view to the last), is told in Vietnamese that a return needs a comment
// (by the page, and by the server when JavaScript is off), finds the official PDF behind
// "In báo cáo", reads the history (the two saves as one editing session, each with its author,
// compared with the submission by default), and prints the consolidated page as a plain document.
// The plan's PDF/DOCX is linked from the form, the review page, the dashboard and the
// consolidated page. Every page is checked at 360 and 1366 px for horizontal overflow.
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, shot, step, finish, fitsThePhone } from './browser_support.mjs';

const unitUrl = baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH1';
const articlesLabel = 'Số bài viết phát trên Đài, Báo, cổng thông tin';

async function planLinks(page) {
  const links = page.locator('#plan-links li');
  assert.ok(await links.count() >= 1, 'the plan is linked from ' + page.url());
  const pdf = await links.first().locator('a.plan-pdf').getAttribute('href');
  assert.match(pdf, /\/ke-hoach\/[^/]+\/tai\/\d+\/pdf$/);
  const reply = await page.request.get(baseUrl + pdf);
  assert.equal(reply.status(), 200);
  assert.equal(reply.headers()['content-type'], 'application/pdf');
}

async function main() {
  const clerk = await openBrowser({ viewport: { width: 360, height: 800 } });
  const coordinator = await openBrowser({ viewport: { width: 360, height: 800 } });
  const noScript = await openBrowser({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  try {
    await step('the clerk saves twice and submits; the form links the plan', async () => {
      const page = clerk.page;
      await signIn(page, 'th1.anhung');
      assert.equal(page.url(), unitUrl);
      await planLinks(page);
      for (const value of ['25', '31']) {
        await page.getByLabel(articlesLabel).fill(value);
        await Promise.all([page.waitForNavigation(), page.locator('#save-draft').click()]);
      }
      await Promise.all([page.waitForNavigation(), page.locator('#submit-report').click()]);
      await page.locator('#confirm-box').waitFor();
      await Promise.all([page.waitForNavigation(), page.locator('#confirm-submit').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã nộp báo cáo/);
      // Submitted, the unit reads its report the way the reviewer does.
      await page.locator('#report-body').waitFor();
      await fitsThePhone(page, '1-submitted-report-clerk');
    });

    await step('the coordinator reads the report as a document with the decision on screen', async () => {
      const page = coordinator.page;
      await signIn(page, 'xa.anhung');
      await page.goto(unitUrl);
      await page.locator('#report-body').waitFor();
      await planLinks(page);
      // The decision bar is on the first screen and still on screen at the end of the report.
      const bar = page.locator('#decision-bar');
      const top = await bar.boundingBox();
      assert.ok(top && top.y + top.height <= 800, `the decision bar is on the first screen (${JSON.stringify(top)})`);
      await shot(page, '2-review-top-360');
      // Activities as one table; the plan's content in words, never a bare letter.
      const directions = await page.locator('table.activities td[data-label^="Nội dung"]').allTextContents();
      assert.ok(directions.length >= 10, 'every activity is one row');
      for (const text of directions.map((t) => t.trim()).filter((t) => t !== '')) {
        assert.match(text, /^[abcdđe]\) \S+ \S+/u, `content in words: "${text}"`);
      }
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      assert.ok(height < 7800, `the review page is ${height}px tall on a phone`);
      console.log(`# review page: ${height}px tall at 360px`);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      assert.ok(await bar.isVisible());
      const middle = await bar.boundingBox();
      assert.ok(middle && middle.y + middle.height <= 800 && middle.y >= 0, 'the bar sticks in the middle');
      await shot(page, '3-review-middle-360');
      await fitsThePhone(page, '4-review');
      await page.setViewportSize({ width: 360, height: 800 });
    });

    await step('a filled-in report reads as sections and tables at both widths', async () => {
      const page = coordinator.page;
      await page.goto(baseUrl + '/dot/1/bao-cao/HP-ANHUNG-THCS2');
      const held = page.locator('table.activities tr.held-yes');
      assert.ok(await held.count() >= 1, 'held activities are rows of the table');
      await fitsThePhone(page, '4b-filled-review');
      await page.locator('table.activities').first().scrollIntoViewIfNeeded();
      await shot(page, '4c-filled-review-activities-1366');
      await page.setViewportSize({ width: 360, height: 800 });
      await page.locator('table.activities tr.held-yes').first().scrollIntoViewIfNeeded();
      await shot(page, '4d-filled-review-activities-360');
      await page.goto(unitUrl);
    });

    await step('an empty return comment is refused in Vietnamese, by the page and by the server', async () => {
      const page = coordinator.page;
      await page.locator('#bar-return').click();
      await page.locator('#return-comment-text').waitFor();
      await page.locator('#return-report').click();
      const message = page.locator('#return-comment-text-required');
      await message.waitFor();
      assert.match(await message.textContent(), /Hãy ghi nhận xét khi trả lại báo cáo/);
      assert.equal(page.url(), unitUrl + '#return-form');
      await shot(page, '5-comment-required-360');

      await signIn(noScript.page, 'xa.anhung');
      await noScript.page.goto(unitUrl);
      await Promise.all([noScript.page.waitForNavigation(), noScript.page.locator('#return-report').click()]);
      assert.match(await noScript.page.locator('#review-error').textContent(), /Hãy ghi nhận xét khi trả lại báo cáo/);
      assert.equal((await noScript.page.locator('#report-status').textContent()).trim(), 'Đã nộp');
      await shot(noScript.page, '6-comment-required-no-script-360');
    });

    await step('"In báo cáo" opens the official PDF', async () => {
      const page = coordinator.page;
      const href = await page.locator('#print-report').getAttribute('href');
      assert.match(href, /\/xuat\/pdf\?in=1$/);
      const reply = await page.request.get(baseUrl + href);
      assert.equal(reply.status(), 200);
      assert.equal(reply.headers()['content-type'], 'application/pdf');
      assert.match(reply.headers()['content-disposition'], /^inline;/);
      assert.equal((await reply.body()).subarray(0, 5).toString(), '%PDF-');
    });

    await step('the history groups the two saves, names who did what and compares with the submission', async () => {
      const page = coordinator.page;
      await Promise.all([page.waitForNavigation(), page.locator('#history-link').click()]);
      const authors = await page.locator('#versions tbody td:nth-child(6)').allTextContents();
      for (const author of authors) assert.doesNotMatch(author, /không rõ/);
      // The two saves and the ones the submission made are one editing session.
      const sessions = await page.locator('#versions tr.session').allTextContents();
      assert.equal(sessions.length, 1, 'the clerk\'s saves are one row: ' + sessions.join(' | '));
      assert.match(sessions[0], /\d+ lần lưu, phiên bản \d+–\d+/);
      assert.match(await page.locator('#diff-basis').textContent(), /lần nộp/);
      for (const row of await page.locator('#changes tbody tr').allTextContents()) {
        assert.doesNotMatch(row, /0 dòng/);
      }
      await fitsThePhone(page, '7-history');
      await Promise.all([page.waitForNavigation(), page.locator('#every-save-link').click()]);
      assert.equal(await page.locator('#versions tr.session').count(), 0);
    });

    await step('the coordinator accepts from the bar', async () => {
      const page = coordinator.page;
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(unitUrl);
      await Promise.all([page.waitForNavigation(), page.locator('#bar-accept').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã chấp nhận báo cáo/);
      assert.equal(await page.locator('#decision-bar').count(), 0);
    });

    await step('the dashboard and the consolidated page link the plan; the latter prints plainly', async () => {
      const page = coordinator.page;
      await page.goto(baseUrl + '/dot/1/tong-quan/HP-ANHUNG');
      await planLinks(page);
      await page.goto(baseUrl + '/dot/1/tong-hop/HP-ANHUNG');
      await planLinks(page);
      await fitsThePhone(page, '8-consolidated');
      await page.emulateMedia({ media: 'print' });
      const look = await page.evaluate(() => {
        const panel = document.querySelector('section.panel');
        const textarea = document.querySelector('textarea');
        const twin = document.querySelector('p.print-text');
        return {
          panelBorder: getComputedStyle(panel).borderTopStyle,
          bodyFont: getComputedStyle(document.body).fontFamily,
          textareaShown: textarea ? getComputedStyle(textarea).display !== 'none' : false,
          twinShown: twin ? getComputedStyle(twin).display !== 'none' : true,
          twinFont: twin ? getComputedStyle(twin).fontFamily : 'serif',
          buttons: [...document.querySelectorAll('button, .plan-links, [role=status]')]
            .filter((e) => getComputedStyle(e).display !== 'none').length,
        };
      });
      assert.equal(look.panelBorder, 'none');
      assert.match(look.bodyFont, /Times|Serif/i);
      assert.equal(look.textareaShown, false);
      assert.equal(look.twinShown, true);
      assert.doesNotMatch(look.twinFont, /mono|courier/i);
      assert.equal(look.buttons, 0);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.screenshot({ path: (process.env.LLW_ARTIFACTS || '/tmp') + '/9-consolidated-print.png', fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    });

    assert.deepEqual(clerk.problems, []);
    assert.deepEqual(coordinator.problems, []);
  } finally {
    await clerk.close();
    await coordinator.close();
    await noScript.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
