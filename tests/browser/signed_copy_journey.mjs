// The signed report (issue 19, item 4), needs: a trusted test CA (run_browser_test.sh makes it).
// The school clerk submits on a phone, downloads "Tải bản PDF để ký", signs it the way a unit's
// tool does (an NSS database and pdfsig, with a certificate of the test CA) and uploads the signed
// file from the report page without any script; the verdict names the signer. The commune's
// coordinator sees the same verdict on the report it reviews. Both pages fit a 360 px phone.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl, openBrowser, signIn, fitsThePhone, step, finish } from './browser_support.mjs';
import { makeSigner, signPdf } from './signing_support.mjs';

const unitUrl = baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH1';
const dir = process.env.LLW_SIGNING_DIR;

async function main() {
  assert.ok(dir, 'run through run_browser_test.sh, which makes the test CA');
  makeSigner(dir, 'Nguyễn Thị Hoa');
  const clerk = await openBrowser({ viewport: { width: 360, height: 800 } });
  const coordinator = await openBrowser({ viewport: { width: 1366, height: 768 } });
  try {
    await step('the clerk submits and is offered the PDF to sign', async () => {
      const page = clerk.page;
      await signIn(page, 'th1.anhung');
      assert.equal(page.url(), unitUrl);
      await Promise.all([page.waitForNavigation(), page.locator('#submit-report').click()]);
      await page.locator('#confirm-box').waitFor();
      await Promise.all([page.waitForNavigation(), page.locator('#confirm-submit').click()]);
      await page.locator('#signed-copy-pdf').waitFor();
      assert.match(await page.locator('#signed-copy-none').textContent(), /Chưa có bản báo cáo đã ký số/);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'signed-copy-1-offered');
    });

    await step('the clerk signs the downloaded PDF and uploads it without a script', async () => {
      const page = clerk.page;
      const href = await page.locator('#signed-copy-pdf').getAttribute('href');
      const pdf = await page.request.get(baseUrl + href);
      assert.equal(pdf.status(), 200);
      writeFileSync(join(dir, 'report.pdf'), await pdf.body());
      signPdf(dir, 'report.pdf', 'signed.pdf');
      await page.locator('#signed-copy-input').setInputFiles(join(dir, 'signed.pdf'));
      await Promise.all([page.waitForNavigation(), page.locator('#signed-copy-submit').click()]);
      assert.match(await page.locator('#notice').textContent(), /Đã tải lên bản báo cáo đã ký số/);
      const verdict = await page.locator('#signed-copy-verdict').textContent();
      assert.match(verdict, /Chữ ký số hợp lệ: Nguyễn Thị Hoa \(chứng thư số do LLW Test CA cấp\)/);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'signed-copy-2-verdict');
      // The signed file is served back as uploaded.
      const served = await page.request.get(baseUrl + await page.locator('#signed-copy-file').getAttribute('href'));
      assert.deepEqual(Buffer.from(await served.body()), readFileSync(join(dir, 'signed.pdf')));
    });

    await step('an altered copy is refused with a Vietnamese message', async () => {
      const page = clerk.page;
      const bytes = readFileSync(join(dir, 'signed.pdf'));
      bytes[bytes.indexOf('LLW-ID') + 2] ^= 1;
      writeFileSync(join(dir, 'altered.pdf'), bytes);
      await page.goto(unitUrl);
      await page.locator('#signed-copy-input').setInputFiles(join(dir, 'altered.pdf'));
      await Promise.all([page.waitForNavigation(), page.locator('#signed-copy-submit').click()]);
      assert.match(await page.locator('body').textContent(), /đã bị thay đổi sau khi ký/);
    });

    await step('the coordinator sees the verdict on the report it reviews', async () => {
      const page = coordinator.page;
      await signIn(page, 'xa.anhung');
      await page.goto(unitUrl);
      const verdict = await page.locator('#signed-copy-verdict').textContent();
      assert.match(verdict, /Nguyễn Thị Hoa/);
      assert.equal(await page.locator('#signed-copy-form').count(), 0);
      await page.locator('#signed-copy').scrollIntoViewIfNeeded();
      await fitsThePhone(page, 'signed-copy-3-reviewer');
    });
  } finally {
    await clerk.close();
    await coordinator.close();
  }
}

main().then(finish, (error) => { finish(); process.exitCode = 1; });
