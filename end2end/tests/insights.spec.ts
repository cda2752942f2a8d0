import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { DANA, MAYA, gotoHydrated, signIn } from "./helpers";

// Aisha works on the demo's emails (another spec changes Priya's password during the run).
const AISHA = { email: "aisha@northwind.example", name: "Aisha Karim" };

test("insights: switch workflow and period, and read a chart's numbers in its table", async ({ page }) => {
  await signIn(page, MAYA.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page).toHaveURL(/\/insights$/);

  // The busiest workflow comes first; pick Content production.
  const workflow = page.getByLabel("Workflow", { exact: true });
  await expect(workflow.locator("option:checked")).toHaveCount(1);
  await workflow.selectOption({ label: "Content production" });
  await expect(page).toHaveURL(/workflow=content-production/);
  const cycle = page.getByRole("region", { name: "Cycle time" });
  await expect(cycle.getByText(/^Half of the posts finish within \d+ days?/)).toBeVisible();
  await expect(cycle.getByRole("group", { name: /Scatter plot of cycle times/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Where items wait" }).getByText(/of cycle time is in/)).toBeVisible();

  await workflow.selectOption({ label: "Email campaign" });
  await expect(page).toHaveURL(/workflow=email-campaign/);
  await expect(cycle.getByText(/^Half of the emails finish within/)).toBeVisible();

  await page.getByLabel("Period").selectOption({ label: "Last 4 weeks" });
  await expect(page).toHaveURL(/weeks=4/);
  await expect(page.getByText(/^Showing .*\(4 weeks\)/)).toBeVisible();

  const throughput = page.getByRole("region", { name: "Throughput" });
  await throughput.getByText(/^Table of the numbers/).click();
  const table = throughput.getByRole("table", { name: "Throughput" });
  await expect(table.getByRole("columnheader", { name: "Finished" })).toBeVisible();
  // Four weeks ending today touch four or five Monday weeks, every one of them a row.
  const rows = table.getByRole("row");
  await expect(rows).not.toHaveCount(0);
  expect(await rows.count()).toBeGreaterThanOrEqual(5);

  // The period before, side by side.
  await page.getByLabel("Compare with").selectOption({ label: "The period before" });
  await expect(page).toHaveURL(/compare=previous/);
  const comparison = page.getByRole("region", { name: "Before and after" });
  await expect(comparison.getByText(/figures got better/)).toBeVisible();
});

test("insights: the story of Content production's version 3, and a dot's items", async ({ page }) => {
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/insights?workflow=content-production");
  const compare = page.getByLabel("Compare with");
  const version3 = await compare.locator("option", { hasText: /^Before version 3/ }).getAttribute("value");
  await compare.selectOption(version3!);
  await expect(page).toHaveURL(/compare_from=/);
  const comparison = page.getByRole("region", { name: "Before and after" });
  await comparison.getByText(/^Table of the numbers/).click();
  const p85 = comparison.getByRole("row", { name: /Cycle time P85/ });
  await expect(p85.getByRole("cell", { name: "Better", exact: true })).toBeVisible();

  // A dot of the scatter plot lists the items behind it.
  const cycle = page.getByRole("region", { name: "Cycle time" });
  await cycle.locator("[data-spot]").first().click();
  const behind = cycle.getByRole("region", { name: "Items behind the dot" });
  await expect(behind.getByRole("link").first()).toBeVisible();
});

test("insights: a chart's numbers and the activity trail download as CSV", async ({ page }) => {
  await signIn(page, AISHA.email);
  await gotoHydrated(page, "/insights?workflow=content-production&weeks=12");
  const cycle = page.getByRole("region", { name: "Cycle time" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    cycle.getByRole("link", { name: "Download cycle time as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^baton-cycle-time-\d{8}-\d{8}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.split("\r\n").filter((l) => l !== "");
  expect(lines[0]).toBe("Item,Workflow,Finished,Cycle time (days)");
  expect(lines.length).toBeGreaterThan(10);
  expect(lines[1]).toMatch(/,Content production,\d{4}-\d{2}-\d{2},\d+$/);

  const trail = page.getByRole("link", { name: "Every event of the period (CSV)" });
  const answer = await page.request.get((await trail.getAttribute("href"))!);
  expect(answer.headers()["content-type"]).toContain("text/csv");
  const events = (await answer.text()).split("\r\n");
  expect(events[0]).toBe("Item,Title,Workflow,When,Who,What,Stage,To stage,Field,From,To,Details");
  expect(events.some((l) => l.includes(",Moved forward,"))).toBe(true);
});

test("an item unlikely to make its date is flagged on its card, with the reason", async ({ page }) => {
  await signIn(page, AISHA.email);
  await gotoHydrated(page, "/board/email-campaign");
  const flagged = page.getByRole("listitem", { name: /trending late: / }).first();
  await expect(flagged).toBeVisible();
  const badge = flagged.getByLabel(/^Trending late: /);
  await expect(badge).toHaveText(/Trending late/);
  await badge.focus();
  await expect(flagged.getByRole("tooltip")).toContainText(/85 % of emails|no finished email|take up to/);

  // The same item is listed on /insights as trending late.
  const title = (await flagged.getByRole("link").first().textContent())!.trim();
  await gotoHydrated(page, "/insights?workflow=email-campaign");
  const late = page.getByRole("region", { name: "Trending late" });
  await expect(late.getByText(/trending late/).first()).toBeVisible();
  await late.getByText(/^Table of the numbers/).click();
  await expect(late.getByRole("row", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toContainText("Trending late");
});

test("a finished item takes a post-launch fix, which the error rate counts", async ({ page }) => {
  await signIn(page, AISHA.email);
  await gotoHydrated(page, "/insights?workflow=content-production&weeks=4");
  const cycle = page.getByRole("region", { name: "Cycle time" });
  await cycle.getByText(/^Table of the numbers/).click();
  await cycle.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const fixes = page.getByRole("region", { name: "Post-launch fixes" });
  await fixes.getByRole("button", { name: "Record a post-launch fix" }).click();
  await fixes.getByRole("button", { name: "Save the fix" }).click();
  await expect(fixes.getByRole("alert")).toContainText("Say what went wrong");
  await fixes.getByLabel("What went wrong").fill("The CTA linked to last quarter's webinar");
  await fixes.getByLabel("Which stage should have caught it").selectOption({ label: "SEO & technical" });
  await fixes.getByRole("button", { name: "Save the fix" }).click();
  await expect(fixes.getByRole("status")).toHaveText("Recorded the post-launch fix.");
  await expect(fixes.getByText("The CTA linked to last quarter's webinar")).toBeVisible();
  await expect(fixes.getByText(/Should have been caught in SEO & technical/)).toBeVisible();
});
