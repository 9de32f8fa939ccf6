// An admin keeps units and accounts right: imports an XLSX of units with one bad row (sees the
// row's error, nothing is written), fixes it and imports, adds an account for one of the new
// units; that user signs in with the initial password, must change it, and signs in again with
// the new one. The spreadsheet is written here with tests/browser/make_xlsx.py (Python's
// standard library), never committed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl, openBrowser, signIn, shot, step, finish } from './browser_support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'llw-admin-journey-'));

function xlsx(name, rows) {
  const path = join(work, name);
  execFileSync('python3', [join(here, 'make_xlsx.py'), path, JSON.stringify(rows)]);
  return path;
}

const header = ['code', 'name', 'kind', 'level', 'parent', 'pop_residents', 'pop_students'];
const village = ['HP-ANHUNG-THON99', 'Thôn Tân Lập', 'village', '', 'HP-ANHUNG', 640, ''];
const school = ['HP-ANHUNG-TH9', 'Trường Tiểu học Tân Lập', 'school', 'primary', 'HP-ANHUNG', '', 310];
const badFile = xlsx('don-vi-loi.xlsx', [header, village, ['HP-ANHUNG-TH9', 'Trường Tiểu học Tân Lập', 'benh-vien', 'primary', 'HP-ANHUNG', '', 310]]);
const goodFile = xlsx('don-vi.xlsx', [header, village, school]);

async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
  assert.match(page.url(), /\/dang-nhap$/);
}

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 1280, height: 900 } });
  try {
    await step('the admin signs in and opens the import page from the menu', async () => {
      await signIn(page, 'admin', 'admin');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nhập đơn vị' }).click()]);
      await page.getByRole('heading', { name: 'Nhập danh sách đơn vị' }).waitFor();
    });

    await step('a file with one bad row shows that row and writes nothing', async () => {
      await page.setInputFiles('#file', badFile);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      const errors = page.locator('#import-errors');
      await errors.waitFor();
      assert.match(await errors.textContent(), /Dòng 3, cột Loại: Loại đơn vị "benh-vien" không hợp lệ/);
      assert.match(await errors.textContent(), /chưa có đơn vị nào được lưu/);
      await shot(page, '1-import-row-error');
    });

    await step('the good row of the failed file was not written either', async () => {
      await page.goto(baseUrl + '/quan-tri/tai-khoan');
      await page.getByLabel(/^Tên đăng nhập/).fill('thon99.anhung');
      await page.getByLabel('Mã đơn vị (để trống chỉ với quản trị hệ thống)').fill('HP-ANHUNG-THON99');
      await page.getByLabel(/^Mật khẩu ban đầu/).fill('ban-dau-2025');
      await page.getByLabel('Nhập lại mật khẩu ban đầu').fill('ban-dau-2025');
      await Promise.all([page.waitForNavigation(), page.locator('#add-user-submit').click()]);
      assert.match(await page.locator('#unit-err').textContent(), /HP-ANHUNG-THON99/);
    });

    await step('the fixed file imports both units', async () => {
      await page.goto(baseUrl + '/quan-tri/nhap-don-vi');
      await page.setInputFiles('#file', goodFile);
      await Promise.all([page.waitForNavigation(), page.locator('#import-submit').click()]);
      assert.match(await page.locator('#import-result').textContent(), /2 đơn vị mới/);
      await shot(page, '2-import-done');
    });

    await step('campaign settings refuse an impossible date next to the field, then save', async () => {
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Cài đặt đợt' }).click()]);
      assert.equal(await page.getByLabel(/^Hạn gửi báo cáo/).inputValue(), '12/10/2025');
      await page.getByLabel(/^Hạn gửi báo cáo/).fill('31/02/2025');
      await Promise.all([page.waitForNavigation(), page.locator('#settings-submit').click()]);
      assert.match(await page.locator('#deadline-err').textContent(), /Ngày không hợp lệ/);
      await shot(page, '3-settings-invalid-date');
      await page.getByLabel(/^Hạn gửi báo cáo/).fill('14/10/2025');
      await Promise.all([page.waitForNavigation(), page.locator('#settings-submit').click()]);
      assert.match(await page.locator('#settings-saved').textContent(), /Đã lưu/);
      assert.equal(await page.getByLabel(/^Hạn gửi báo cáo/).inputValue(), '14/10/2025');
    });

    await step('the admin adds an account for the new village', async () => {
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Tài khoản', exact: true }).click()]);
      await page.getByLabel(/^Tên đăng nhập/).fill('thon99.anhung');
      await page.getByLabel('Họ tên', { exact: true }).fill('Nguyễn Thị Lan');
      await page.getByLabel('Vai trò').selectOption('reporter');
      await page.getByLabel('Mã đơn vị (để trống chỉ với quản trị hệ thống)').fill('HP-ANHUNG-THON99');
      await page.getByLabel(/^Mật khẩu ban đầu/).fill('ban-dau-2025');
      await page.getByLabel('Nhập lại mật khẩu ban đầu').fill('ban-dau-2025');
      await shot(page, '4-add-user-form');
      await Promise.all([page.waitForNavigation(), page.locator('#add-user-submit').click()]);
      assert.match(page.url(), /\/quan-tri\/tai-khoan\/thon99\.anhung\?ok=tao$/);
      assert.match(await page.locator('#user-saved').textContent(), /Đã tạo tài khoản/);
      assert.equal(await page.locator('#user-unit').textContent(), 'HP-ANHUNG-THON99');
      await page.goto(baseUrl + '/quan-tri/tai-khoan?q=nguyen thi lan');
      assert.match(await page.locator('#users').textContent(), /thon99\.anhung/);
      await shot(page, '5-user-list');
      await signOut(page);
    });

    await step('the new user signs in with the initial password and is asked to change it', async () => {
      await signIn(page, 'thon99.anhung', 'ban-dau-2025');
      assert.match(page.url(), /\/doi-mat-khau$/);
      await page.locator('#must-change').waitFor();
      await page.getByLabel('Mật khẩu hiện tại').fill('ban-dau-2025');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('12345678');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('12345678');
      await Promise.all([page.waitForNavigation(), page.locator('#change-password-submit').click()]);
      assert.match(await page.locator('#new_password-err').textContent(), /ít nhất 8 ký tự, gồm ít nhất hai loại/);
      await shot(page, '6-weak-password');
      await page.getByLabel('Mật khẩu hiện tại').fill('ban-dau-2025');
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Thon-Tan-Lap-2025');
      await page.getByLabel('Nhập lại mật khẩu mới').fill('Thon-Tan-Lap-2025');
      await Promise.all([page.waitForNavigation(), page.locator('#change-password-submit').click()]);
      assert.match(await page.locator('#password-saved').textContent(), /Đã đổi mật khẩu/);
      assert.equal(await page.locator('#must-change').count(), 0);
      await shot(page, '7-password-changed');
      await signOut(page);
    });

    await step('the old password no longer works and the new one does', async () => {
      await signIn(page, 'thon99.anhung', 'ban-dau-2025');
      assert.match(await page.locator('#sign-in-message').textContent(), /không đúng/);
      await signIn(page, 'thon99.anhung', 'Thon-Tan-Lap-2025');
      assert.match(page.url(), /\/dot\/1\/bao-cao\/HP-ANHUNG-THON99$/);
      await page.getByRole('heading', { name: 'Thôn Tân Lập' }).waitFor();
      await shot(page, '8-new-user-report-form');
    });

    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
}

main().then(finish, (error) => { console.error(error); finish(); process.exitCode = 1; });
