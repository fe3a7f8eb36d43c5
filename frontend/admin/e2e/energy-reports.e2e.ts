import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gqlInPage, open, screenshot, signIn, type Session } from "./browser";

// 报表 → 能耗报表 and the account page's 月度账单 on the demo site (read by the simulator while the
// server runs): the report's table with its totals row, grouped by meter, account and building;
// the statement card with its balances and the PDF it links, fetched with the session.

let s: Session;
let page: Page;

beforeAll(async () => {
  s = await open();
  page = s.page;
  await signIn(page, "manager");
});

afterAll(async () => {
  await s?.browser.close();
  expect(s?.problems ?? []).toEqual([]);
  expect(s?.external ?? []).toEqual([]);
});

describe("energy report", () => {
  it("lists the month by meter with a totals row, in Chinese", async () => {
    await page.goto("/reports/energy");
    await page
      .locator(".ant-page-header-heading-title", { hasText: "能耗报表" })
      .waitFor();
    const total = page.getByTestId("energy-report-total");
    await total.waitFor();
    await expect(total.textContent()).resolves.toContain("合计");
    await expect(
      page.getByTestId("energy-report-table").locator("thead").textContent(),
    ).resolves.toMatch(
      /电表.*表数.*用电量 \(kWh\).*尖.*峰.*平.*谷.*计费电量.*电费/,
    );
    await page.getByText(/共 \d+ 行/).waitFor();
    await screenshot(page, "reports-01-energy-by-meter");
  });

  it("groups by account and by building, keeping the choice in the URL", async () => {
    await page.getByText("按商户").click();
    await page.waitForURL((u) => u.searchParams.get("group") === "account");
    await page
      .getByTestId("energy-report-table")
      .locator("thead")
      .getByText("商户")
      .waitFor();
    await page.getByTestId("energy-report-total").waitFor();
    await screenshot(page, "reports-02-energy-by-account");
    await page.getByText("按楼栋").click();
    await page.waitForURL((u) => u.searchParams.get("group") === "building");
    await page.getByTestId("energy-report-total").waitFor();
    await screenshot(page, "reports-03-energy-by-building");
  });

  it("shows an empty month as such", async () => {
    await page.goto("/reports/energy?month=2001-01");
    await page.getByText("本月没有用电数据").waitFor();
    await screenshot(page, "reports-04-energy-empty");
  });
});

describe("monthly statement", () => {
  it("shows the account statement and serves its PDF", async () => {
    const d = await gqlInPage<{ accounts: { nodes: { id: string }[] } }>(
      page,
      `{ accounts(first: 1) { nodes { id } } }`,
    );
    const id = d.accounts.nodes[0].id;
    await page.goto(`/accounts/${id}`);
    const card = page.getByTestId("account-statement");
    await card.getByText("月度账单").waitFor();
    await card.getByText("期初余额").waitFor();
    await card.getByTestId("statement-closing").waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "reports-05-account-statement");
    const href = await card
      .getByRole("link", { name: /下载 PDF/ })
      .getAttribute("href");
    expect(href).toMatch(
      new RegExp(`^/statements/${id}/\\d{4}-\\d{2}\\.pdf\\?lang=`),
    );
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  });
});
