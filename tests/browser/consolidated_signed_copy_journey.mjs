// The signed consolidated report (issue 19, item 4, "the same for a node's consolidated report to
// the level above"), needs: a trusted test CA (run_browser_test.sh makes it). The city's
// coordinator ticks "Chỉ chấp nhận báo cáo có bản ký số hợp lệ" on the campaign settings page; the
// commune's coordinator sends its consolidated report up and is offered its PDF to sign; the city
// cannot accept it yet and is told why; the commune signs the PDF (NSS and pdfsig, a certificate
// of the test CA) and uploads it from the consolidated page without a script; the city sees the
// verdict and accepts. Every page is shown at 360 px and 1366 px.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, openBrowser, signIn, fitsThePhone, step, finish } from './browser_support.mjs';
import { makeSigner, signPdf } from './signing_support.mjs';

const communeUrl = baseUrl + '/dot/1/tong-hop/HP-ANHUNG';
const settingsUrl = baseUrl + '/dot/1/cai-dat';
const dir = process.env.LLW_SIGNING_DIR;

async function main() {
  assert.ok(dir, 'run through run_browser_test.sh, which makes the test CA');
  makeSigner(dir, 'Phạm Văn Xã');
  const commune = await openBrowser({ viewport: { width: 360, height: 800 } });
  const city = await openBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    await step('the city requires a valid signed copy on the settings page', async () => {
      const page = city.page;
      await signIn(page, 'tp.haiphong');
      await page.goto(settingsUrl);
      const box = page.locator('#signed_copy_required');
      assert.equal(await box.isChecked(), false);
      assert.match(await page.locator('#signed-copy-policy').textContent(),
        /Chỉ chấp nhận báo cáo có bản ký số hợp lệ/);
      await box.check();
      await Promise.all([page.waitForNavigation(), page.locator('#settings-submit').click()]);
      assert.match(await page.locator('#settings-saved').textContent(), /Đã lưu cài đặt/);
      assert.equal(await page.locator('#signed_copy_required').isChecked(), true);
      await page.locator('#signed-copy-policy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'consolidated-signed-1-settings');
    });

    await step('the commune sends its report up and is offered the PDF to sign', async () => {
      const page = commune.page;
      await signIn(page, 'xa.anhung');
      await page.goto(communeUrl);
      assert.equal(await page.locator('#signed-copy-form').count(), 0);
      await page.locator('#up-confirm').check();
      await Promise.all([page.waitForNavigation(), page.locator('#up-submit').click()]);
      assert.equal(await page.locator('#signed-copy-title').textContent(),
        'Bản báo cáo tổng hợp đã ký số');
      assert.match(await page.locator('#signed-copy-none').textContent(),
        /Chưa có bản báo cáo tổng hợp đã ký số\. Đợt báo cáo này yêu cầu/);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'consolidated-signed-2-offered');
    });

    await step('the city cannot accept before a valid signed copy and is told why', async () => {
      const page = city.page;
      await page.goto(communeUrl);
      await Promise.all([page.waitForNavigation(), page.locator('#up-accept').click()]);
      assert.match(await page.locator('#up-error').textContent(),
        /yêu cầu bản báo cáo tổng hợp đã ký số hợp lệ trước khi chấp nhận/);
    });

    await step('the commune signs the PDF and uploads it without a script', async () => {
      const page = commune.page;
      await page.goto(communeUrl);
      const href = await page.locator('#signed-copy-pdf').getAttribute('href');
      const pdf = await page.request.get(baseUrl + href);
      assert.equal(pdf.status(), 200);
      writeFileSync(join(dir, 'consolidated.pdf'), await pdf.body());
      signPdf(dir, 'consolidated.pdf', 'consolidated-signed.pdf');
      await page.locator('#signed-copy-input').setInputFiles(join(dir, 'consolidated-signed.pdf'));
      await Promise.all([page.waitForNavigation(), page.locator('#signed-copy-submit').click()]);
      assert.match(await page.locator('#signed-copy-notice').textContent(),
        /Đã tải lên bản báo cáo tổng hợp đã ký số/);
      assert.match(await page.locator('#signed-copy-verdict').textContent(),
        /Chữ ký số hợp lệ: Phạm Văn Xã \(chứng thư số do LLW Test CA cấp\)/);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'consolidated-signed-3-verdict');
    });

    await step('the city sees the verdict and accepts', async () => {
      const page = city.page;
      await page.goto(communeUrl);
      assert.match(await page.locator('#signed-copy-verdict').textContent(), /Phạm Văn Xã/);
      assert.equal(await page.locator('#signed-copy-form').count(), 0);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'consolidated-signed-4-city');
      await Promise.all([page.waitForNavigation(), page.locator('#up-accept').click()]);
      assert.equal((await page.locator('#up-status strong').textContent()).trim(), 'đã duyệt');
    });
  } finally {
    await commune.close();
    await city.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
