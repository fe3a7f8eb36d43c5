import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlInPage, pickOption as pickOptionIn, open, screenshot, signIn, type Session } from './browser';

// A manager sets up a time-of-use tariff on a site of their own (made here, so that no other
// spec file's data is touched and this one needs none of it): drags a boundary on the day's
// bar, types a price over the site's markup cap and sees the warning, lowers it, saves, and
// puts two meters on it.
// Then a control schedule is made, switched off and deleted.

const manager = { username: 'manager', password: 'voltpay-demo' };
const tag = Date.now().toString(36).slice(-5).toUpperCase();

let s: Session;
let page: Page;

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => gqlInPage<T>(page, query, variables);

const pickOption = (label: string) => pickOptionIn(page, label);

let site: { id: string; name: string };
let building: { id: string };
const buildingName = `电价测试楼${tag}`;
let meters: { id: string; address: string }[];

beforeAll(async () => {
  s = await open();
  page = s.page;
  await signIn(page, manager.username, { password: manager.password });
  // A site of this file's own, with a grid price (0.9000 yuan/kWh, 15 % cap: no price above
  // 1.0350), so that no other spec file's prices or caps are touched.
  const code = `T${tag}`;
  const made = await gql<{ createSite: { id: string; name: string } }>(
    `mutation($n: String!, $c: String!) { createSite(input: { name: $n, code: $c, gridPrice: "0.9000", markupCapPct: 15 }) { id name } }`,
    { n: `电价测试${tag}`, c: code },
  );
  site = made.createSite;
  building = (
    await gql<{ createBuilding: { id: string } }>(`mutation($in: BuildingInput!) { createBuilding(input: $in) { id } }`, {
      in: { siteId: site.id, name: buildingName },
    })
  ).createBuilding;
  meters = [];
  for (let i = 1; i <= 3; i++) {
    const m = await gql<{ createMeter: { id: string; address: string } }>(`mutation($in: MeterInput!) { createMeter(input: $in) { id address } }`, {
      in: { siteId: site.id, buildingId: building.id, address: `7700${tag.length}${String(Date.now()).slice(-5)}${i}`.slice(0, 12).padEnd(12, '0'), protocol: 'dlt645', room: `10${i}` },
    });
    meters.push(m.createMeter);
  }
});

afterAll(async () => {
  await s?.browser.close();
});

describe('tariffs', () => {
  const name = `商业峰谷${tag}`;

  it('lists tariffs with the site filter in the URL, and offers the export', async () => {
    await page.goto('/tariffs');
    await page.getByText('电价管理').first().waitFor();
    await page.getByTestId('filter-site').click();
    await pickOption(site.name);
    await page.waitForURL((u) => u.searchParams.get('site') === site.id);
    await page.getByTestId('filter-search').fill(tag);
    await page.getByTestId('filter-search').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === tag);
    await page.getByText('没有符合条件的电价').waitFor();
    const href = await page.getByTestId('export').getAttribute('href');
    expect(href).toMatch(/^\/export\/tariffs\.xlsx\?/);
    expect(JSON.parse(new URL(href!, 'http://x').searchParams.get('filter')!)).toEqual({ siteId: site.id, search: tag });
    const download = await page.evaluate(async (h) => {
      const r = await fetch(h);
      return { status: r.status, type: r.headers.get('Content-Type') };
    }, href!);
    expect(download).toEqual({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await screenshot(page, 'tariffs-01-empty');
  });

  it('makes a TOU tariff by dragging a boundary, warns over the cap as one types, and saves', async () => {
    await page.getByTestId('tariff-new').click();
    await page.waitForURL((u) => u.searchParams.get('edit') === 'new');
    const form = page.getByTestId('tariff-form');
    await form.getByPlaceholder('例如：商业峰谷电价').fill(name);
    await form.getByText('本园区购电平段价 0.9000 元/kWh，加价上限 15%').waitFor();

    // The default day's third period (峰) starts at 08:00; drag its boundary to 09:00.
    const handle = page.getByTestId('day-bar-handle-2');
    expect(await handle.getAttribute('aria-valuetext')).toBe('08:00');
    // Measure once the drawer has stopped moving (it slides in; a busy machine draws it late).
    await handle.scrollIntoViewIfNeeded();
    let box = await handle.boundingBox();
    await expect
      .poll(async () => {
        const now = await handle.boundingBox();
        const still = !!now && !!box && now.x === box.x && now.y === box.y;
        box = now;
        return still;
      })
      .toBe(true);
    const track = await page.locator('[data-testid=day-bar] .tou-bar-track').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await page.mouse.down();
    await page.mouse.move(track!.x + (track!.width * 9) / 24, box!.y + box!.height / 2, { steps: 8 });
    await page.mouse.up();
    expect(await handle.getAttribute('aria-valuetext')).toBe('09:00');
    expect(await page.getByTestId('day-start-2').inputValue()).toBe('09:00');
    // And by keyboard: a quarter of an hour later, then back.
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    expect(await handle.getAttribute('aria-valuetext')).toBe('09:15');
    await page.keyboard.press('ArrowLeft');
    // A start typed over its neighbour's is refused at the row.
    await page.getByTestId('day-start-2').fill('06:00');
    await page.getByTestId('day-start-2').press('Enter');
    await page.getByText('不能越过相邻时段').waitFor();
    await page.getByTestId('day-start-2').fill('09:00');
    await page.getByTestId('day-start-2').press('Enter');

    await page.getByTestId('price-sharp').fill('1.3');
    await page.getByTestId('price-peak').fill('1.0');
    await page.getByTestId('price-flat').fill('0.8');
    await page.getByTestId('price-valley').fill('0.4');
    const warning = page.getByTestId('markup-warning');
    await expect.poll(() => warning.innerText()).toContain('尖时段单价 1.3000 元/kWh 超过封顶价 1.0350');
    await screenshot(page, 'tariffs-02-editor-cap-warning');
    await page.getByTestId('price-sharp').fill('1.035');
    await expect.poll(() => warning.count()).toBe(0);
    await screenshot(page, 'tariffs-03-editor');
    await page.getByTestId('tariff-save').click();
    await page.getByText(`电价“${name}”已保存`).waitFor();
    await page.waitForURL((u) => !u.searchParams.has('edit'));

    const saved = await gql<{ tariffs: { nodes: { kind: string; periods: { start: string; rate: string }[]; prices: { rate: string; price: string }[] }[] } }>(
      `query($f: TariffFilter) { tariffs(filter: $f) { nodes { kind periods { start rate } prices { rate price } } } }`,
      { f: { siteId: site.id, search: tag } },
    );
    expect(saved.tariffs.nodes).toHaveLength(1);
    expect(saved.tariffs.nodes[0].kind).toBe('tou');
    expect(saved.tariffs.nodes[0].periods[2]).toEqual({ start: '09:00', rate: 'peak' });
    expect(saved.tariffs.nodes[0].prices).toContainEqual({ rate: 'sharp', price: '1.0350' });
  });

  it('shows the server’s refusal at the field', async () => {
    // The site's cap changes behind the editor's back: the server's word is final.
    await gql(`mutation($id: ID!) { updateSite(id: $id, input: { markupCapPct: 5 }) { id } }`, { id: site.id });
    await page.locator('[data-testid^=edit-]').first().click();
    const form = page.getByTestId('tariff-form');
    await form.waitFor();
    await page.getByTestId('tariff-save').click();
    await form.getByText('is above the cap 0.9450').waitFor();
    await screenshot(page, 'tariffs-04-server-error');
    await gql(`mutation($id: ID!) { updateSite(id: $id, input: { markupCapPct: 15 }) { id } }`, { id: site.id });
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('edit'));
  });

  it('assigns the tariff to two meters', async () => {
    await page.locator('[data-testid^=assign-]').filter({ hasText: '分配电表' }).first().click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('assign-building').click();
    await pickOption(buildingName);
    await dialog.getByText(meters[0].address).waitFor();
    for (const m of meters.slice(0, 2)) await dialog.getByRole('row', { name: new RegExp(m.address) }).getByRole('checkbox').check();
    expect(await page.getByTestId('assign-selected').innerText()).toBe('已选 2 块电表');
    await page.getByTestId('assign-run').click();
    await page.getByText('2 块电表将自现在起改用').waitFor();
    await screenshot(page, 'tariffs-05-assign-confirm');
    await page.getByRole('button', { name: '确认分配' }).click();
    await page.getByText(`已将 2 块电表改用“${name}”`).waitFor();
    // One setMetersTariff for both; the result says how many changed, and nothing is left selected.
    await expect.poll(() => page.getByTestId('assign-result').innerText()).toBe(`2 块电表已改用“${name}”`);
    expect(await page.getByTestId('assign-selected').innerText()).toBe('已选 0 块电表');
    await expect.poll(async () => dialog.getByRole('row', { name: new RegExp(meters[0].address) }).innerText()).toContain(name);
    await screenshot(page, 'tariffs-06-assigned');
    const got = await gql<{ meters: { nodes: { address: string; tariff: { name: string } | null }[] } }>(
      `query($f: MeterFilter) { meters(filter: $f) { nodes { address tariff { name } } } }`,
      { f: { buildingId: building.id } },
    );
    const byAddress = Object.fromEntries(got.meters.nodes.map((m) => [m.address, m.tariff?.name ?? null]));
    expect(byAddress[meters[0].address]).toBe(name);
    expect(byAddress[meters[1].address]).toBe(name);
    expect(byAddress[meters[2].address]).toBeNull();
    await dialog.locator('.ant-modal-close').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText(name).first().waitFor();
    await screenshot(page, 'tariffs-07-list');
  });
});

describe('control schedules', () => {
  const name = `夜间拉闸${tag}`;

  it('makes, switches off and deletes a schedule', async () => {
    await page.goto(`/schedules?site=${site.id}`);
    await page.getByTestId('schedule-new').waitFor();
    await screenshot(page, 'schedules-01-list');
    await page.getByTestId('schedule-new').click();
    const form = page.getByTestId('schedule-form');
    await form.getByPlaceholder('例如：夜间商铺拉闸').fill(name);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('请选择楼栋或至少一块电表').waitFor();
    await form.getByLabel('楼栋（全部在用电表）').click();
    await pickOption(buildingName);
    await form.getByLabel('执行时间').fill('22:30');
    // The form's layout settles as the building's check clears: tick until the box holds.
    for (const day of ['周一', '周五']) {
      const box = form.getByRole('checkbox', { name: day });
      await expect
        .poll(async () => {
          if (!(await box.isChecked())) await box.click();
          return box.isChecked();
        })
        .toBe(true);
    }
    await screenshot(page, 'schedules-02-editor');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`计划“${name}”已保存`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(name) });
    await row.getByText('22:30').waitFor();
    expect(await row.innerText()).toContain('周一、周五');
    await screenshot(page, 'schedules-03-list');
    await row.getByRole('switch').click();
    await expect.poll(() => row.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /删\s*除/ }).click();
    await page.getByText(`计划“${name}”已删除`).waitFor();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
  });

  it('reads in English too', async () => {
    await page.goto(`/tariffs?site=${site.id}&q=${tag}`);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Time of use').first().waitFor();
    await page.getByText('Export Excel').waitFor();
    await screenshot(page, 'tariffs-08-english');
    await page.locator('[data-testid^=edit-]').first().click();
    await page.getByText('Periods of the day (default)').waitFor();
    await screenshot(page, 'tariffs-09-editor-english');
  });

  it('loaded nothing from outside and broke no policy', () => {
    expect(s.external).toEqual([]);
    expect(s.problems).toEqual([]);
  });
});
