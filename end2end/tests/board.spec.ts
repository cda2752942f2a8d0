import { test, expect, type Locator, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { DANA, MAYA, TOM, gotoHydrated, signIn, unique } from "./helpers";

// Sam is a member nobody else's tests sign in as (Priya's password changes in accounts.spec.ts).
const SAM = { email: "sam@northwind.example", name: "Sam Rivera" };
const BOARD = "/board/content-production";

const column = (page: Page, stage: string) => page.getByRole("list", { name: stage, exact: true });
const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole("listitem", { name: title });

/** A column's count of active cards, as its header shows it ("12 cards", "4 cards, WIP limit 5"). */
const counter = (page: Page, stage: string) => page.getByRole("region", { name: stage, exact: true }).getByTitle(/^\d+ cards/);
async function count(page: Page, stage: string): Promise<number> {
  return Number((await counter(page, stage).getAttribute("title"))!.match(/^(\d+)/)![1]);
}

/** Drags a card by its title with the mouse and drops it on a column. */
async function drag(page: Page, from: Locator, stage: string) {
  const grip = await from.getByRole("link").first().boundingBox();
  const target = await column(page, stage).boundingBox();
  if (!grip || !target) throw new Error("card or column not on screen");
  await page.mouse.move(grip.x + 8, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 30, grip.y + 25, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + 30, { steps: 10 });
  await page.mouse.up();
}

async function quickAdd(page: Page, title: string) {
  await page.getByLabel("New item title").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(card(page, "Brief", title)).toBeVisible();
}

test("a drag into a gated stage shows every reason; once the checklist is ticked the same move goes through", async ({ page }) => {
  test.setTimeout(90_000);
  const title = `Gated post ${unique()}`;
  await signIn(page, SAM.email);
  await gotoHydrated(page, BOARD);
  await quickAdd(page, title);

  // Everything the Brief stage asks for is missing: each reason, with a way to fix it.
  await drag(page, card(page, "Brief", title), "Draft");
  const refusal = card(page, "Brief", title).getByRole("alert");
  await expect(refusal).toContainText("Can't move to Draft yet");
  for (const reason of ["Required: Topic", "Required: Audience", "Required: Brief", "Required: Reviewer"]) {
    await expect(refusal).toContainText(reason);
  }
  await expect(refusal).toContainText("Goal and audience agreed with the requester");
  await expect(refusal.getByRole("link", { name: "Fill in Topic" })).toBeVisible();
  await expect(card(page, "Brief", title)).toBeVisible();
  await expect(column(page, "Draft").getByRole("listitem", { name: title })).toHaveCount(0);

  // Fill in the brief from the link the refusal gives.
  await refusal.getByRole("link", { name: "Fill in Topic" }).click();
  await expect(page).toHaveURL(/\/items\/\d+#field-topic$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await page.getByRole("textbox", { name: /^Topic/ }).fill("Why approvals stall");
  await page.getByRole("textbox", { name: /^Audience/ }).fill("Marketing leads");
  await page.getByRole("textbox", { name: /^Brief/ }).fill("Explain the three causes and the fix.");
  await page.getByRole("combobox", { name: /^Reviewer/ }).selectOption({ label: MAYA.name });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  // Now only the checklist holds it back.
  await gotoHydrated(page, BOARD);
  await drag(page, card(page, "Brief", title), "Draft");
  const again = card(page, "Brief", title).getByRole("alert");
  await expect(again).toContainText("Goal and audience agreed with the requester");
  await expect(again).not.toContainText("Required: Topic");
  await again.getByRole("link", { name: "Tick the checklist" }).click();
  await expect(page).toHaveURL(/#checklist$/);
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await page.getByLabel("Goal and audience agreed with the requester").check();
  await expect(page.getByRole("status")).toContainText("Ticked");

  await gotoHydrated(page, BOARD);
  const [brief, draft] = [await count(page, "Brief"), await count(page, "Draft")];
  await drag(page, card(page, "Brief", title), "Draft");
  await expect(card(page, "Draft", title)).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`Moved ${title} to Draft.`);
  // The column counts follow the card.
  await expect(counter(page, "Brief")).toHaveAttribute("title", new RegExp(`^${brief - 1} cards`));
  await expect(counter(page, "Draft")).toHaveAttribute("title", new RegExp(`^${draft + 1} cards`));
  await page.reload();
  await expect(card(page, "Draft", title)).toBeVisible();
  expect(await count(page, "Draft")).toBe(draft + 1);
});

test("a card moves with the keyboard alone, and the move is announced", async ({ page }) => {
  await signIn(page, SAM.email);
  await gotoHydrated(page, BOARD);
  const first = column(page, "SEO & technical").getByRole("listitem").first();
  const title = (await first.getByRole("link").first().textContent())!.trim();
  const moving = card(page, "SEO & technical", title);

  await moving.getByRole("button", { name: "Move" }).focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: `Move ${title} to` });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: /^Revisions/ })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(card(page, "Revisions", title)).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`Moved ${title} to Revisions.`);
  await expect(card(page, "Revisions", title)).toBeFocused();

  // Shift+→ tries the next stage from the focused card: Review is full, and the card says so.
  await page.keyboard.press("Shift+ArrowRight");
  const refusal = card(page, "Revisions", title).getByRole("alert");
  await expect(refusal).toContainText("Can't move to Review yet");
  await expect(refusal).toContainText("WIP limit 5 reached in Review");
});

test("a card opens in a drawer with its own address; Escape closes it and focus returns to the card", async ({ page }) => {
  const title = `Drawer post ${unique()}`;
  await signIn(page, SAM.email);
  await gotoHydrated(page, BOARD);
  await quickAdd(page, title);

  await card(page, "Brief", title).getByRole("link", { name: title }).first().focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]item=\d+/);
  const drawer = page.getByRole("dialog", { name: "Item" });
  await expect(drawer).toBeFocused();
  await expect(drawer.getByRole("heading", { name: title })).toBeVisible();

  // Escape in a field belongs to the field: the drawer stays, with what was typed.
  const field = drawer.getByRole("textbox").first();
  await field.fill("half-typed");
  await field.press("Escape");
  await expect(drawer).toBeVisible();
  await expect(field).toHaveValue("half-typed");

  await drawer.getByRole("link", { name: "Open as a page" }).focus();
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/item=/);
  await expect(card(page, "Brief", title)).toBeFocused();
});

test("a filter by owner is kept in the URL and survives a reload; only my items is one click", async ({ page }) => {
  const mine = `Maya's note ${unique()}`;
  await signIn(page, MAYA.email);
  await gotoHydrated(page, BOARD);
  await quickAdd(page, mine);

  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Priya Nair" });
  await expect(page).toHaveURL(/owner=4/);
  await expect(page.getByRole("listitem", { name: mine })).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: /owner Priya Nair/ }).first()).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Owner", { exact: true })).toHaveValue("4");
  await expect(page.getByRole("listitem", { name: mine })).toHaveCount(0);
  await expect(page.getByRole("listitem", { name: /owner Priya Nair/ }).first()).toBeVisible();

  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await page.getByRole("button", { name: "Only my items" }).click();
  await expect(page).toHaveURL(/owner=1/);
  await expect(page.getByRole("listitem", { name: mine })).toBeVisible();
  await expect(page.getByRole("listitem", { name: /owner Priya Nair/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Only my items" })).toHaveAttribute("aria-pressed", "true");
});

test("on a phone the filters fold behind one button and each set filter is a chip that removes it", async ({ page }) => {
  await signIn(page, MAYA.email);
  await page.setViewportSize({ width: 390, height: 844 });
  await gotoHydrated(page, `${BOARD}?q=launch&owner=4`);
  const search = page.getByRole("searchbox", { name: "Search", exact: true });
  await expect(search).toBeHidden();
  const toggle = page.getByRole("button", { name: "Filters (2)" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("button")).toHaveText([/launch/, /Priya Nair/]);

  await chips.getByRole("button", { name: "Remove the filter Priya Nair" }).click();
  await expect(page).not.toHaveURL(/owner=/);
  await expect(page).toHaveURL(/q=launch/);
  await expect(chips.getByRole("button")).toHaveCount(1);
  await page.getByRole("button", { name: "Filters (1)" }).click();
  await expect(page.getByRole("button", { name: "Filters (1)" })).toHaveAttribute("aria-expanded", "true");
  await expect(search).toBeVisible();
  await expect(search).toHaveValue("launch");

  // On a wide screen the bar is always open and there are no chips.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(search).toBeVisible();
  await expect(page.getByRole("button", { name: /^Filters/ })).toBeHidden();
});

test("a move on one screen shows on another without a reload", async ({ browser }) => {
  const one = await (await browser.newContext()).newPage();
  const two = await (await browser.newContext()).newPage();
  await signIn(one, SAM.email);
  await signIn(two, DANA.email);
  await gotoHydrated(one, BOARD);
  await gotoHydrated(two, BOARD);

  const first = column(one, "Review").getByRole("listitem").first();
  const title = (await first.getByRole("link").first().textContent())!.trim();
  await expect(card(two, "Review", title)).toBeVisible();

  await card(one, "Review", title).getByRole("button", { name: "Move" }).click();
  await one.getByRole("menu").getByRole("menuitem", { name: /^Draft/ }).click();
  await expect(card(one, "Draft", title)).toBeVisible();
  await expect(card(two, "Draft", title)).toBeVisible({ timeout: 5_000 });
  await expect(card(two, "Review", title)).toHaveCount(0);

  // A card added on one screen appears on the other too.
  const added = `Live card ${unique()}`;
  await quickAdd(one, added);
  await expect(card(two, "Brief", added)).toBeVisible({ timeout: 5_000 });
  await one.context().close();
  await two.context().close();
});

test("a viewer sees the cards but no way to move or add them", async ({ page }) => {
  await signIn(page, TOM.email);
  await gotoHydrated(page, BOARD);
  await expect(column(page, "Review").getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Move" })).toHaveCount(0);
  await expect(page.getByLabel("New item title")).toHaveCount(0);
  await expect(page.getByText("moving them needs a member account")).toBeVisible();
});

test("the list of boards shows every workflow with its counts", async ({ page }) => {
  await signIn(page, TOM.email);
  await gotoHydrated(page, "/board");
  const boards = page.getByRole("list", { name: "Boards" });
  // Every built-in workflow has its board; workflows a team made (other tests make some) add theirs.
  for (const name of [
    "Content production",
    "Paid campaign launch",
    "Email campaign",
    "Social publishing",
    "Campaign reporting",
    "SEO",
    "Lead nurturing",
    "Integrated campaign",
  ]) {
    await expect(boards.getByRole("link", { name, exact: true })).toHaveCount(1);
  }
  await boards.getByRole("link", { name: "Content production" }).click();
  await expect(page).toHaveURL(/\/board\/content-production$/);
  for (const stage of ["Brief", "Draft", "Review", "Revisions", "SEO & technical", "Scheduled"]) {
    await expect(column(page, stage)).toBeVisible();
  }
});

test("a board downloads as CSV as it is filtered, a row per item with its fields", async ({ page }) => {
  await signIn(page, SAM.email);
  await gotoHydrated(page, BOARD);
  await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Priya Nair" });
  await expect(page).toHaveURL(/owner=4/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^content-production-items-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.split("\r\n").filter((l) => l !== "");
  expect(lines[0]).toMatch(/^id,title,workflow,stage,owner,due,scheduled_at,all_day,channel,campaign,priority,revision_round,archived_at,created_at,updated_at,field:topic,/);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    expect(line).toContain(",content-production,");
    expect(line).toContain(",priya@northwind.example,");
  }
});
