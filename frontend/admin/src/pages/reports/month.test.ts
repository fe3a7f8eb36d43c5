import { describe, expect, it } from "vitest";
import { currentMonth, isMonth, monthDays } from "./month";

describe("month", () => {
  it("spans the month, December into January", () => {
    expect(monthDays("2026-11")).toEqual({
      from: "2026-11-01",
      to: "2026-12-01",
    });
    expect(monthDays("2026-12")).toEqual({
      from: "2026-12-01",
      to: "2027-01-01",
    });
  });
  it("is Beijing time", () => {
    expect(currentMonth(new Date("2026-11-30T17:00:00Z"))).toBe("2026-12");
  });
  it("checks the spelling", () => {
    expect(isMonth("2026-13")).toBe(false);
    expect(isMonth("2026-01")).toBe(true);
  });
});
