// Evidence (minh chứng, issue 19) from a phone to the consolidated report: a school clerk on a
// 360×800 screen attaches a photo from the report form (a JPEG drawn by the browser itself, so no
// binary is kept in the repository) for one activity of the form, sees its progress and then its
// thumbnail with the activity; a lost connection
// leaves a "Tải lại" button that sends the same file again. The commune coordinator finds the
// photo in the consolidated page's gallery, picks it for the annex, and downloads the
// consolidated PDF, which carries the picture (pdfimages) and its caption (pdftotext).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { baseUrl, artifacts, download, openBrowser, pdfText, signIn, shot, step, finish, fitsThePhone } from './browser_support.mjs';

const unitUrl = baseUrl + '/dot/1/bao-cao/HP-ANHUNG-TH1';
const galleryUrl = baseUrl + '/dot/1/tong-hop/HP-ANHUNG/minh-chung';
const caption = 'Học sinh đọc sách tại thư viện';

// A 1200×900 JPEG drawn on a canvas by the page's browser.
async function drawnJpeg(page) {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 900);
    sky.addColorStop(0, '#3a7bd5');
    sky.addColorStop(1, '#f4d03f');
    g.fillStyle = sky;
    g.fillRect(0, 0, 1200, 900);
    g.fillStyle = '#b03a2e';
    g.fillRect(150, 300, 900, 160);
    g.fillStyle = '#fff';
    g.font = 'bold 64px sans-serif';
    g.fillText('TUẦN LỄ HỌC TẬP SUỐT ĐỜI', 180, 400);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(base64, 'base64');
}

async function main() {
  const clerk = await openBrowser({ viewport: { width: 360, height: 800 } });
  const page = clerk.page;
  let coordinator = null;
  try {
    await step('the clerk attaches a photo from the form on a phone and sees its thumbnail', async () => {
      await signIn(page, 'th1.anhung');
      await page.goto(unitUrl);
      const section = page.locator('#evidence');
      await section.scrollIntoViewIfNeeded();
      assert.match(await section.textContent(), /tối đa 10 MB mỗi tệp/);
      assert.equal(await page.locator('#evidence-camera').getAttribute('capture'), 'environment');
      await fitsThePhone(page, '1-evidence-empty');
      await page.setViewportSize({ width: 360, height: 800 });
      const jpeg = await drawnJpeg(page);
      await page.locator('#evidence-file').setInputFiles({ name: 'thu-vien.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.locator('#evidence-caption').fill(caption);
      // What the photo is evidence for: an activity of the form, sent with the file by app.js.
      await page.locator('#evidence-item').selectOption({ label: 'Tổ chức ngày đọc sách' });
      // Slow the upload down so its progress bar is seen.
      await page.route('**/minh-chung', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
      await page.locator('#evidence-upload').click();
      await page.locator('#evidence-queue progress').first().waitFor({ state: 'visible' });
      await section.scrollIntoViewIfNeeded();
      await shot(page, '2-uploading-360');
      await page.locator('#evidence-queue li.done').waitFor();
      await page.locator('#evidence-list li img').first().waitFor();
      await page.unroute('**/minh-chung');
      assert.equal(await page.locator('#evidence-list li').count(), 1);
      assert.equal(await page.locator('#evidence-list .evidence-caption').textContent(), caption);
      assert.equal(await page.locator('#evidence-list .evidence-for').textContent(), 'Minh chứng cho: Tổ chức ngày đọc sách');
      const loaded = await page.locator('#evidence-list img').evaluate((img) => img.complete && img.naturalWidth);
      assert.equal(loaded, 320);
      await page.locator('#evidence').scrollIntoViewIfNeeded();
      await fitsThePhone(page, '3-evidence-attached');
      await page.setViewportSize({ width: 360, height: 800 });
    });

    await step('a file lost to the network gets "Tải lại", which sends the same file again', async () => {
      const jpeg = await drawnJpeg(page);
      await page.route('**/minh-chung', (route) => route.abort('internetdisconnected'));
      await page.locator('#evidence-file').setInputFiles({ name: 'lan-hai.jpg', mimeType: 'image/jpeg', buffer: jpeg });
      await page.locator('#evidence-caption').fill('Ảnh gửi lại');
      await page.locator('#evidence-upload').click();
      const retry = page.getByRole('button', { name: 'Tải lại' });
      await retry.waitFor({ state: 'visible' });
      assert.match(await page.locator('#evidence-queue li.failed').textContent(), /Mất kết nối/);
      await page.locator('#evidence-queue').scrollIntoViewIfNeeded();
      await shot(page, '4-retry-360');
      await page.unroute('**/minh-chung');
      await retry.click();
      await page.locator('#evidence-queue li.done >> nth=1').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('#evidence-list li').length === 2);
      // Too large and refused by the browser, not sent.
      await page.locator('#evidence-file').setInputFiles({ name: 'lon.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 65) });
      await page.locator('#evidence-upload').click();
      await page.locator('#evidence-queue li.refused').waitFor();
      assert.match(await page.locator('#evidence-queue li.refused').textContent(), /vượt quá giới hạn 10 MB/);
      // Not a picture by its content: the server's words beside the control.
      await page.locator('#evidence-file').setInputFiles({ name: 'gia.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('không phải ảnh') });
      await page.locator('#evidence-upload').click();
      await page.waitForFunction(() => document.querySelectorAll('#evidence-queue li.refused').length === 2);
      assert.match(await page.locator('#evidence-queue li.refused >> nth=1').textContent(), /không phải ảnh/);
      await page.locator('#evidence-queue').scrollIntoViewIfNeeded();
      await fitsThePhone(page, '5-refusals');
    });

    await step('the history lists the evidence attached since the newest version', async () => {
      await page.goto(unitUrl + '/lich-su');
      const pending = page.locator('#evidence-pending');
      await pending.waitFor();
      assert.match(await pending.textContent(), /Minh chứng thêm hoặc gỡ/);
      assert.match(await pending.textContent(), /Thêm: thu-vien\.jpg “Học sinh đọc sách tại thư viện” — Tổ chức ngày đọc sách/);
      await fitsThePhone(page, '5b-history');
      await page.setViewportSize({ width: 360, height: 800 });
    });

    await step('the commune coordinator picks the photo for the annex from the gallery', async () => {
      coordinator = await openBrowser({ viewport: { width: 360, height: 800 } });
      const cp = coordinator.page;
      await signIn(cp, 'xa.anhung');
      await cp.goto(baseUrl + '/dot/1/tong-hop/HP-ANHUNG');
      await Promise.all([cp.waitForNavigation(), cp.locator('#gallery-link').click()]);
      assert.equal(cp.url(), galleryUrl);
      const photo = cp.locator('#gallery li', { hasText: caption });
      await photo.waitFor();
      assert.match(await photo.textContent(), /Trường/);
      assert.match(await photo.textContent(), /Minh chứng cho: Tổ chức ngày đọc sách/);
      await fitsThePhone(cp, '6-gallery');
      await photo.getByLabel('Đưa vào phụ lục').check();
      await Promise.all([cp.waitForNavigation(), cp.locator('#gallery-save').click()]);
      assert.match(await cp.locator('#notice').textContent(), /Đã lưu lựa chọn/);
      assert.equal(await cp.locator('#gallery li', { hasText: caption }).getByLabel('Đưa vào phụ lục').isChecked(), true);
    });

    await step('the consolidated PDF carries the picture and its caption in the annex', async () => {
      const cp = coordinator.page;
      await cp.goto(baseUrl + '/dot/1/tong-hop/HP-ANHUNG');
      const path = await download(cp, cp.getByRole('link', { name: 'Tải báo cáo (PDF)' }), artifacts, 'tong-hop.pdf');
      const text = pdfText(path).replace(/\s+/g, ' ');
      assert.match(text, /HÌNH ẢNH MINH CHỨNG/);
      assert.match(text, new RegExp('Ảnh 1\\. ' + caption + ' — Trường'));
      const images = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
      assert.match(images, /jpeg/);
      execFileSync('pdftoppm', ['-r', '40', '-png', path, artifacts + '/7-pdf']);
    });

    assert.deepEqual(clerk.problems, []);
    assert.deepEqual(coordinator.problems, []);
  } finally {
    await clerk.close();
    if (coordinator) await coordinator.close();
    finish();
  }
}

main().catch(() => { process.exitCode = 1; });
