import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { MAYA, gotoHydrated, signIn } from "./helpers";

// Every page Baton has, checked by axe-core against WCAG 2.2 AA (A and AA of 2.0, 2.1
// and 2.2). One violation fails the page; the message names the rule and the elements.
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

async function expectNoViolations(page: Page, path: string) {
  await gotoHydrated(page, path);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary}`).join("\n"),
  );
  // Soft: one run lists every page that fails, not only the first.
  expect.soft(found, `axe on ${path}`).toEqual([]);
}

/** The board with the demo's most items. */
const BOARD = "/board/content-production";

/** The id of the first card on a board (cards link to their drawer: `?item=<id>`). */
async function itemId(page: Page, board: string): Promise<string> {
  await gotoHydrated(page, board);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const id = hrefs.map((h) => h.match(/[?&]item=(\d+)/)?.[1]).find(Boolean);
  expect(id, `a card on ${board}`).toBeTruthy();
  return id!;
}

/** The first link on `path` whose address matches `pattern`, as a path. */
async function firstLink(page: Page, path: string, pattern: RegExp): Promise<string> {
  await gotoHydrated(page, path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy();
  return href!.split("?")[0];
}

test.describe("signed in", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, MAYA.email);
  });

  test("the three faces pass axe, on a desktop and on a phone, in the calendar's month and week", async ({ page }) => {
    // Eight pages, each loaded, hydrated and scanned: more than one test's default time.
    test.setTimeout(120_000);
    const board = BOARD;
    for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      for (const path of [board, "/calendar", "/calendar?view=week", "/inbox"]) {
        await expectNoViolations(page, path);
      }
    }
  });

  test("the board on a phone: its open filters and its chips pass axe", async ({ page }) => {
    const board = BOARD;
    await page.setViewportSize({ width: 390, height: 844 });
    await gotoHydrated(page, `${board}?q=launch&done=all`);
    await page.getByRole("button", { name: /^Filters/ }).click();
    await expect(page.getByRole("list", { name: "Active filters" }).getByRole("button")).toHaveCount(2);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });

  test("every other page passes axe", async ({ page }) => {
    test.setTimeout(180_000);
    const board = BOARD;
    const item = `/items/${await itemId(page, board)}`;
    const campaign = await firstLink(page, "/campaigns", /^\/campaigns\/[^/?]+$/);
    const workflow = await firstLink(page, "/workflows", /^\/workflows\/(?!new$)[^/?]+$/);
    const rule = await firstLink(page, "/automations", /^\/automations\/(?!new$)[^/?]+$/);
    const slug = board.split("/")[2];
    const pages = [
      "/board",
      `${board}/new`,
      item,
      "/campaigns",
      campaign,
      "/sends",
      "/workflows",
      "/workflows/new",
      workflow,
      `${workflow}/edit`,
      `${workflow}/how-it-runs`,
      "/insights",
      "/imports",
      "/imports/trello/999999",
      "/imports/csv/999999",
      "/automations",
      "/automations/new",
      rule,
      `/intake/${slug}`,
      "/people",
      "/profile",
      "/settings",
      "/settings/integrations",
      "/settings/tokens",
      "/settings/notifications",
      "/no-such-page",
    ];
    for (const path of pages) {
      await expectNoViolations(page, path);
    }
  });
});

test("the pages for people who are not signed in pass axe", async ({ page }) => {
  test.setTimeout(90_000);
  for (const path of ["/login", "/forgot", "/reset/not-a-token", "/unsubscribe/not-a-token", "/invite/not-a-token", "/forms/not-a-token"]) {
    await expectNoViolations(page, path);
  }
});
