// A commune coordinator keeps its unit tree right without JavaScript doing the work: opens the
// tree from the menu, goes down to a school, types a wrong population and sees the message beside
// the field with the typed text kept, fixes it and sets the school's signer, then moves the school
// under the commune's department and finds it there; moving it out of the commune is refused.
import assert from 'node:assert/strict';
import { baseUrl, openBrowser, signIn, shot, step, finish } from './browser_support.mjs';

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await step('the coordinator opens the unit tree from the menu', async () => {
      await signIn(page, 'xa.anhung');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Cây đơn vị' }).click()]);
      assert.match(page.url(), /\/quan-tri\/don-vi\/HP-ANHUNG$/);
      await page.locator('#children').waitFor();
      assert.equal(await page.locator('#move-form').count(), 0);  // its own unit stays put
      await shot(page, '1-unit-tree');
    });

    await step('a wrong population is refused beside the field and the input is kept', async () => {
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Trường Mầm non An Hưng' }).click()]);
      assert.match(page.url(), /\/quan-tri\/don-vi\/HP-ANHUNG-MN1$/);
      await page.locator('#edit-pop_students').fill('ba trăm');
      await submit(page, '#edit-submit');
      assert.match(await page.locator('#edit-pop_students-err').textContent(), /số nguyên không âm/);
      assert.equal(await page.locator('#edit-pop_students').inputValue(), 'ba trăm');
      await shot(page, '2-field-error');
    });

    await step('the fixed population and the signer are saved', async () => {
      await page.locator('#edit-pop_students').fill('400');
      await page.locator('#edit-signer_position').fill('HIỆU TRƯỞNG');
      await page.locator('#edit-signer_name').fill('Nguyễn Thị Hoa');
      await submit(page, '#edit-submit');
      assert.match(page.url(), /\?ok=sua$/);
      assert.match(await page.locator('#unit-notice').textContent(), /Đã lưu thông tin đơn vị/);
      assert.equal(await page.locator('#edit-pop_students').inputValue(), '400');
      assert.equal(await page.locator('#edit-signer_name').inputValue(), 'Nguyễn Thị Hoa');
    });

    await step('the school moves under the commune department and shows there', async () => {
      await page.locator('#move-parent_code').fill('HP-ANHUNG-VHXH');
      await submit(page, '#move-submit');
      assert.match(await page.locator('#unit-notice').textContent(), /Đã chuyển đơn vị/);
      assert.match(await page.locator('#breadcrumb').textContent(), /Phòng Văn hóa - Xã hội/);
      await shot(page, '3-moved');
      await Promise.all([page.waitForNavigation(), page.locator('#parent-link').click()]);
      assert.match(await page.locator('#children').textContent(), /Trường Mầm non An Hưng/);
    });

    await step('moving it out of the commune is not the coordinator’s to do', async () => {
      await page.goto(baseUrl + '/quan-tri/don-vi/HP-ANHUNG-MN1');
      await page.locator('#move-parent_code').fill('HP');
      const [response] = await Promise.all([page.waitForNavigation(), page.locator('#move-submit').click()]);
      assert.equal(response.status(), 403);
      await shot(page, '4-move-refused');
    });

    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

main().then(finish, (error) => {
  console.error(error);
  finish();
  process.exitCode = 1;
});
