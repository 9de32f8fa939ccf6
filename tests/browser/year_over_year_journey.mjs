// Year over year (issue 18): right after the demo, the commune's consolidated page and dashboard
// show every numeric figure beside last year's with the change, as a table on a PC and as cards
// under each figure on a phone; the figures are those of the summary API's "previous".
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, fitsThePhone, shot, step, finish, tokenOf } from './browser_support.mjs';

async function apiPrevious(username) {
  const token = await tokenOf(username);
  const reply = await fetch(baseUrl + '/api/v1/campaigns/1/summary/HP-ANHUNG',
    { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(reply.status, 200);
  return (await reply.json()).previous;
}

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    await signIn(page, 'xa.anhung');
    const previous = await apiPrevious('xa.anhung');
    assert.ok(previous, 'the demo links last year\'s campaign');

    await step('the consolidated page compares every figure with last year', async () => {
      await page.goto(baseUrl + '/dot/1/tong-hop/HP-ANHUNG');
      const table = page.locator('#comparison');
      await table.waitFor();
      assert.match(await page.locator('#h-compare').textContent(), new RegExp('năm ' + previous.year));
      const rows = table.locator('tbody tr');
      assert.equal(await rows.count(), previous.figures.length);
      // Each row says what the API says, in the same order.
      for (let i = 0; i < Math.min(5, previous.figures.length); ++i) {
        assert.equal((await rows.nth(i).locator('td.change').textContent()).trim(),
          previous.figures[i].change);
      }
      await table.scrollIntoViewIfNeeded();
      await fitsThePhone(page, '1-consolidated-comparison');
      await page.setViewportSize({ width: 360, height: 800 });
      await table.scrollIntoViewIfNeeded();
      await shot(page, '2-consolidated-comparison-cards-360');
      await page.setViewportSize({ width: 1366, height: 768 });
      await table.scrollIntoViewIfNeeded();
      await shot(page, '3-consolidated-comparison-table-1366');
    });

    await step('the dashboard shows the same comparison', async () => {
      await page.goto(baseUrl + '/dot/1/tong-quan/HP-ANHUNG');
      const table = page.locator('#comparison');
      await table.waitFor();
      assert.equal(await table.locator('tbody tr').count(), previous.figures.length);
      await table.scrollIntoViewIfNeeded();
      await fitsThePhone(page, '4-dashboard-comparison');
    });
    await step('no script error or CSP violation', async () => {
      assert.deepEqual(problems, []);
    });
  } finally {
    await close();
    finish();
  }
}

main();
