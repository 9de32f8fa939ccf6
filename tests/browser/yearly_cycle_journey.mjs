// The yearly cycle (issue 18, done-when): the administrator uploads a form version with one item
// renamed and one new item; the commune's coordinator starts 2026 from 2025 on that version and
// issues the new year's plan; paper reports are entered from LLW's spreadsheet template; and the
// commune's consolidated document shows both years for every figure, checked against sums this
// test computes itself from the reports (last year's through the API, this year's from the values
// it typed into the spreadsheet).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl, openBrowser, signIn, fitsThePhone, shot, step, finish, tokenOf } from './browser_support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'llw-yearly-cycle-'));
const renamedLabel = 'Số pano, áp phích, băng rôn tuyên truyền';
const newLabel = 'Số podcast về học tập suốt đời';
const theme2026 = 'Học tập suốt đời – chìa khóa của kỷ nguyên số';

// The 2025 form as version llw-2026: `banners` renamed to `banners_posters` (its old key in
// previous_keys) and a new count `podcasts` after it.
function newFormVersion() {
  const form = JSON.parse(readFileSync(join(repo, 'forms', 'llw-2025.json'), 'utf8'));
  form.id = 'llw-2026';
  form.title = form.title.replace('2025', '2026');
  for (const section of form.sections) {
    const at = section.items.findIndex((item) => item.key === 'banners');
    if (at < 0) continue;
    const item = section.items[at];
    item.key = 'banners_posters';
    item.label = renamedLabel;
    item.previous_keys = ['banners'];
    section.items.splice(at + 1, 0,
      { key: 'podcasts', label: newLabel, type: 'count', aggregate: 'sum' });
  }
  const path = join(work, 'llw-2026.json');
  writeFileSync(path, JSON.stringify(form, null, 2));
  return path;
}

async function api(token, path) {
  const reply = await fetch(baseUrl + path, { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(reply.status, 200, path);
  return reply.json();
}

// The tables of a DOCX as rows of cell texts (python's zipfile: the standard library only).
function docxTables(path) {
  const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))
tables = []
for table in root.iter(W + 'tbl'):
    tables.append([[''.join(t.text or '' for t in cell.iter(W + 't')) for cell in row.iter(W + 'tc')]
                   for row in table.iter(W + 'tr')])
print(json.dumps(tables))`;
  return JSON.parse(execFileSync('python3', ['-c', script, path]).toString());
}

// "1.234" → 1234 (Vietnamese thousands separator).
const number = (text) => Number(text.trim().replace(/\./g, '').replace(',', '.'));

async function main() {
  const { page, close, problems } = await openBrowser({ viewport: { width: 1366, height: 768 } });
  let campaignId = 0;
  try {
    await step('the administrator uploads a form version with a renamed and a new item', async () => {
      await signIn(page, 'admin', 'admin');
      await page.goto(baseUrl + '/quan-tri/mau-bao-cao');
      await page.setInputFiles('#file', newFormVersion());
      await Promise.all([page.waitForNavigation(), page.locator('#preview-submit').click()]);
      assert.equal((await page.locator('#preview-id').textContent()).trim(), 'llw-2026');
      // The preview is the form a unit will see: the renamed and the new item are in it.
      await page.getByText(renamedLabel).first().waitFor();
      await page.getByText(newLabel).first().waitFor();
      await Promise.all([page.waitForNavigation(), page.locator('#store-submit').click()]);
      assert.match(await page.locator('#form-message').textContent(), /llw-2026/);
      await shot(page, '1-form-version-stored');
      await page.context().clearCookies();
    });

    await step('the commune starts 2026 from 2025 on the new version', async () => {
      await signIn(page, 'xa.anhung');
      await page.goto(baseUrl + '/dot/1/cai-dat');
      await page.selectOption('#next-year-form', 'llw-2026');
      await fitsThePhone(page, '2-next-year-button');
      await Promise.all([page.waitForNavigation(), page.locator('#next-year-submit').click()]);
      const match = page.url().match(/\/dot\/(\d+)\/cai-dat\?nam-truoc=1$/);
      assert.ok(match, page.url());
      campaignId = Number(match[1]);
      const token = await tokenOf('xa.anhung');
      const campaign = await api(token, `/api/v1/campaigns/${campaignId}`);
      assert.equal(campaign.year, 2026);
      assert.equal(campaign.form_id, 'llw-2026');
      assert.equal(campaign.theme, '');
    });

    await step('the commune enters the theme of 2026 in the settings', async () => {
      await page.getByLabel('Chủ đề của năm').fill(theme2026);
      await Promise.all([page.waitForNavigation(), page.locator('#settings-submit').click()]);
      await page.locator('#settings-saved').waitFor();
      assert.equal(await page.getByLabel('Chủ đề của năm').inputValue(), theme2026);
      await fitsThePhone(page, '3-settings-theme');
    });

    await step('the new year\'s plan, copied as a draft, is issued', async () => {
      await page.goto(`${baseUrl}/dot/${campaignId}/tong-quan/HP-ANHUNG`);
      await Promise.all([page.waitForNavigation(), page.locator('#plan-link').click()]);
      await page.getByLabel('Số kế hoạch').fill('95/KH-UBND');
      await page.getByLabel('Ngày ban hành (ngày/tháng/năm)').fill('01/10/2026');
      await Promise.all([page.waitForNavigation(), page.locator('#plan-issue').click()]);
      // Copied texts that still name 2025 hold the issue until confirmed.
      const confirm = page.locator('input[name="confirm_years"]');
      if (await confirm.count()) {
        await shot(page, '4-plan-old-year-flagged');
        await confirm.check();
        await Promise.all([page.waitForNavigation(), page.locator('#plan-issue').click()]);
      }
      await page.locator('#plan-issued').waitFor();
      assert.match(await page.locator('#plan-theme').textContent(), new RegExp(theme2026));
      await shot(page, '5-plan-issued');
    });

    // This year's values, typed into the template: unit i gets banners_posters i + 1, podcasts 2i,
    // media_articles 3 + i.
    const typed = {};
    await step('paper reports are entered from the spreadsheet template', async () => {
      await page.goto(`${baseUrl}/dot/${campaignId}/nhap-bao-cao/HP-ANHUNG`);
      const [download] = await Promise.all([page.waitForEvent('download'),
        page.locator('#template-xlsx').click()]);
      const template = join(work, 'mau.xlsx');
      await download.saveAs(template);
      const codes = JSON.parse(execFileSync('python3',
        [join(here, 'fill_xlsx.py'), '--codes', template, 'Báo cáo']).toString());
      assert.ok(codes.length >= 5, 'the template lists the commune\'s units');
      codes.forEach((code, i) => {
        typed[code] = { banners_posters: i + 1, podcasts: 2 * i, media_articles: 3 + i };
      });
      const filled = join(work, 'da-dien.xlsx');
      execFileSync('python3', [join(here, 'fill_xlsx.py'), template, filled, 'Báo cáo',
        JSON.stringify(typed)]);
      await page.setInputFiles('#file', filled);
      await Promise.all([page.waitForNavigation(), page.locator('#entry-submit').click()]);
      assert.match(await page.locator('#entry-result').textContent(),
        new RegExp('Đã nhập ' + codes.length + ' báo cáo'));
      await fitsThePhone(page, '6-reports-entered');
    });

    await step('the consolidated document shows both years for every figure', async () => {
      const token = await tokenOf('xa.anhung');
      // Last year's sums, computed here from the 2025 reports the campaign counts.
      const last = await api(token, '/api/v1/campaigns/1');
      const units = Object.keys(typed);
      const lastSums = {};
      for (const code of units) {
        const report = await api(token, `/api/v1/campaigns/1/reports/${code}`);
        if (!last.counted_states.includes(report.status)) continue;
        for (const [key, value] of Object.entries(report.values || {})) {
          if (typeof value === 'number') lastSums[key] = (lastSums[key] || 0) + value;
        }
      }
      const sum = (key) => units.reduce((total, code) => total + (typed[code][key] || 0), 0);

      const reply = await fetch(
        `${baseUrl}/api/v1/campaigns/${campaignId}/summary/HP-ANHUNG/report.docx`,
        { headers: { Authorization: 'Bearer ' + token } });
      assert.equal(reply.status, 200);
      const docx = join(work, 'tong-hop.docx');
      writeFileSync(docx, Buffer.from(await reply.arrayBuffer()));
      const comparison = docxTables(docx).find((table) =>
        table[0] && table[0][1] === 'Nội dung' && table[0].includes('Năm 2026'));
      assert.ok(comparison, 'the document has the comparison table; its tables begin with ' +
        JSON.stringify(docxTables(docx).map((table) => table[0])));
      assert.deepEqual(comparison[0], ['TT', 'Nội dung', 'Năm 2026', 'Năm trước (2025)', 'Thay đổi']);
      // A row without its number: [label, this year, last year, change].
      const row = (label) => {
        const cells = comparison.find((c) => c[1] === label);
        return cells && cells.slice(1);
      };

      // The renamed item: this year's sum beside last year's `banners`.
      const renamed = row(renamedLabel);
      assert.ok(renamed, 'the renamed item has its row');
      assert.equal(number(renamed[1]), sum('banners_posters'));
      assert.equal(number(renamed[2]), lastSums.banners || 0);
      // The new item: no figure last year.
      const added = row(newLabel);
      assert.equal(number(added[1]), sum('podcasts'));
      assert.equal(added[2].trim(), '—');
      assert.equal(added[3].trim(), '—');
      // An item kept as it was.
      const kept = row('Số bài viết phát trên Đài, Báo, cổng thông tin');
      assert.equal(number(kept[1]), sum('media_articles'));
      assert.equal(number(kept[2]), lastSums.media_articles || 0);
      // Every other summed count of the form: nothing typed this year, last year's sum beside it.
      const form = JSON.parse(readFileSync(join(repo, 'forms', 'llw-2025.json'), 'utf8'));
      let checked = 0;
      for (const section of form.sections) {
        for (const item of section.items) {
          if (item.type !== 'count' || item.aggregate !== 'sum' || item.summary) continue;
          if (['banners', 'media_articles'].includes(item.key)) continue;
          const cells = row(item.label);
          if (!cells) continue;
          assert.equal(number(cells[1]), 0, item.key);
          assert.equal(number(cells[2]), lastSums[item.key] || 0, item.key);
          ++checked;
        }
      }
      assert.ok(checked >= 5, `every summed count compared (${checked})`);

      // The PDF says the same and states its cut-off.
      const pdf = await fetch(
        `${baseUrl}/api/v1/campaigns/${campaignId}/summary/HP-ANHUNG/report.pdf`,
        { headers: { Authorization: 'Bearer ' + token } });
      assert.equal(pdf.status, 200);
      const pdfPath = join(work, 'tong-hop.pdf');
      writeFileSync(pdfPath, Buffer.from(await pdf.arrayBuffer()));
      // In reading order (not -layout): a table cell's wrapped lines follow each other.
      const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
      assert.match(text, /Năm\s+trước\s+\(2025\)/);
      assert.match(text, new RegExp(renamedLabel));
      assert.match(text, /Số liệu tính đến/);
      execFileSync('pdftoppm', ['-r', '50', '-png', pdfPath, join(process.env.LLW_ARTIFACTS, '7-consolidated-pdf')]);
    });

    await step('the consolidated page shows the comparison on a phone and a PC', async () => {
      await page.goto(`${baseUrl}/dot/${campaignId}/tong-hop/HP-ANHUNG`);
      await page.locator('#comparison').scrollIntoViewIfNeeded();
      await fitsThePhone(page, '8-consolidated-comparison');
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
