import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlInPage, open, screenshot, signIn, type Session } from './browser';
import { readXlsx } from './xlsx';

// A manager edits a site's receipt layout and office phone on the settings page: the office
// phone (which the tenant app shows) is refused under its field when the server does not take
// it, then saved; the layout's title, fields and footer are saved, a too-long title and a
// public address the server refuses are shown under their fields, a logo is uploaded, shown and
// removed, and the preview link prints the sample receipt as a PDF. The site is made by this
// test, so nothing of other specs is touched. Then the site's buildings are exported and the
// workbook read back: its title row names the site and the filter.

let s: Session;
let page: Page;
const run = Date.now() % 1_000_000;
const code = `R${String(run).padStart(6, '0')}`;
const siteName = `收据测试园区 ${run}`;
let siteId = '';

beforeAll(async () => {
  s = await open();
  page = s.page;
});

afterAll(async () => {
  await s?.browser.close();
});

/** A w×h grey PNG (8-bit greyscale, not interlaced: what fpdf embeds). */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0; // filter: none
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Layout {
  title: string;
  footer: string[];
  fields: string[];
  logoPng: string | null;
  publicUrl: string;
}

async function stored(): Promise<{ officePhone: string; receiptLayout: Layout }> {
  const d = await gqlInPage<{ sites: { id: string; officePhone: string; receiptLayout: Layout }[] }>(
    page,
    `{ sites { id officePhone receiptLayout { title footer fields logoPng publicUrl } } }`,
  );
  return d.sites.find((x) => x.id === siteId)!;
}

/** The form item (label and control) labelled label within the card. */
const item = (scope: ReturnType<Page['getByTestId']> | Page, label: string) =>
  scope.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) }).first();

describe('settings: office phone and receipt layout', () => {
  it('signs in as a manager and opens the settings of a new site', async () => {
    await signIn(page, 'manager');
    const made = await gqlInPage<{ createSite: { id: string } }>(page, `mutation($i: SiteInput!) { createSite(input: $i) { id } }`, {
      i: { name: siteName, code },
    });
    siteId = made.createSite.id;
    await page.goto(`/settings?site=${siteId}`);
    await page.getByTestId('receipt-layout').waitFor();
    await screenshot(page, 'receipt-layout-01-empty');
  });

  it('refuses an office phone the server does not take, under the field, then saves one', async () => {
    const phone = item(page, '物业办公室电话');
    await phone.locator('input').fill('12345');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => phone.locator('.ant-form-item-explain-error').innerText()).toMatch(/\S/);
    await screenshot(page, 'receipt-layout-02-phone-refused');
    expect((await stored()).officePhone).toBe('');

    await phone.locator('input').fill('021-12345678');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect.poll(async () => (await stored()).officePhone).toBe('021-12345678');
  });

  it('saves the title, fields and footer; shows a long title and a refused address under their fields', async () => {
    const card = page.getByTestId('receipt-layout');
    const title = item(card, '收据标题');
    await title.locator('input').fill('一二三四五六七八九十'.repeat(4) + '多');
    await card.getByRole('button', { name: '保存收据样式' }).click();
    await expect.poll(() => title.locator('.ant-form-item-explain-error').innerText()).toContain('最多 40 个字');

    await title.locator('input').fill('收据测试园区 电费收据');
    await card.getByLabel('铺位').uncheck();
    await card.getByLabel('签字栏').uncheck();
    await item(card, '页脚第 1 行').locator('input').fill('服务电话 400-800-1234');
    const url = item(card, '商户端公网地址');
    await url.locator('input').fill('https://user@pay.example.com');
    await card.getByRole('button', { name: '保存收据样式' }).click();
    // The form lets it through; the server refuses an address with a user and says so under the field.
    await expect.poll(() => url.locator('.ant-form-item-explain-error').innerText()).toContain('publicUrl');
    await screenshot(page, 'receipt-layout-03-refused');

    await url.locator('input').fill('https://pay.example.com');
    await card.getByRole('button', { name: '保存收据样式' }).click();
    await expect.poll(async () => (await stored()).receiptLayout.title).toBe('收据测试园区 电费收据');
    const l = (await stored()).receiptLayout;
    expect(l.footer).toEqual(['服务电话 400-800-1234']);
    expect(l.fields).not.toContain('shop');
    expect(l.fields).not.toContain('signature');
    expect(l.fields).toContain('tenant');
    expect(l.publicUrl).toBe('https://pay.example.com');
  });

  it('uploads a logo, shows it, refuses one too large, and removes it', async () => {
    const card = page.getByTestId('receipt-layout');
    await card.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(120, 40) });
    await card.getByTestId('receipt-logo').waitFor();
    expect((await stored()).receiptLayout.logoPng).toBeTruthy();

    await card.locator('input[type=file]').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(70 << 10, 1) });
    await expect.poll(() => card.getByTestId('receipt-logo-error').innerText()).toContain('KB');
    await screenshot(page, 'receipt-layout-04-logo');

    // The preview prints the saved layout as a PDF.
    const href = await card.getByTestId('receipt-preview').getAttribute('href');
    expect(href).toBe(`/receipts/preview/${siteId}.pdf?paper=a4`);
    await card.getByText('241 mm 连续纸').click();
    const href241 = await card.getByTestId('receipt-preview').getAttribute('href');
    expect(href241).toBe(`/receipts/preview/${siteId}.pdf?paper=241`);
    const pdf = await page.request.get(href241!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await card.getByTestId('receipt-logo-remove').click();
    await card.getByTestId('receipt-no-logo').waitFor();
    expect((await stored()).receiptLayout.logoPng).toBeNull();
  });

  it('in English too', async () => {
    await page.evaluate(() => localStorage.setItem('voltpay.language', 'en-US'));
    await page.reload();
    await page.getByTestId('receipt-layout').waitFor();
    await screenshot(page, 'receipt-layout-05-en');
    await page.evaluate(() => localStorage.removeItem('voltpay.language'));
  });

  it('exports the site’s buildings with a title row naming the site', async () => {
    await gqlInPage(page, `mutation($i: BuildingInput!) { createBuilding(input: $i) { id } }`, { i: { siteId, name: 'A座' } });
    const path = `/export/buildings.xlsx?filter=${encodeURIComponent(JSON.stringify({ siteId }))}&lang=zh-CN`;
    const res = await page.request.get(path);
    expect(res.status()).toBe(200);
    const book = readXlsx(await res.body());
    expect(book.sheet).toBe('建筑');
    expect(book.rows[0][0]).toMatch(new RegExp(`^建筑 \\| 筛选：站点 ${siteName} \\| 时间：不限 \\| 导出于 \\d{4}-\\d{2}-\\d{2} `));
    expect(book.rows[1]).toEqual(['ID', '名称', '楼层', '创建时间']);
    expect(book.rows.slice(2).map((r) => r[1])).toEqual(['A座']);
  });
});
