import { test, expect, type Locator, type Page } from "@playwright/test";
import { MAYA, TOM, gotoHydrated, signIn, unique } from "./helpers";

// Members nobody else's tests sign in as.
const JONAS = { email: "jonas@northwind.example", name: "Jonas Berg" };
const AISHA = { email: "aisha@northwind.example", name: "Aisha Karim" };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A day `offset` days from today, in UTC (the demo accounts' time zone). */
function day(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** How a day cell is labelled: "Monday 7 December 2026". */
const label = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
/** Another day of the same Monday-to-Sunday week, so both show in any view of it. */
const sameWeekNeighbour = (d: Date) => addDays(d, d.getUTCDay() === 0 ? -1 : 1);

const cell = (page: Page, d: Date) => page.getByRole("cell", { name: label(d), exact: true });
const entry = (where: Locator, title: string) => where.getByRole("link", { name: title, exact: true });

/** Drags an entry by its title with the mouse and drops it on a day. */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.scrollIntoViewIfNeeded();
  const grip = await from.boundingBox();
  if (!grip) throw new Error("entry not on screen");
  await page.mouse.move(grip.x + 4, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + 20, grip.y + 20, { steps: 4 });
  await to.scrollIntoViewIfNeeded();
  const target = await to.boundingBox();
  if (!target) throw new Error("day not on screen");
  await page.mouse.move(target.x + target.width / 2, target.y + Math.min(30, target.height / 2), { steps: 10 });
  await page.mouse.up();
}

/** Starts an item on a day from the calendar's form. */
async function startOn(page: Page, d: Date, title: string, workflow: string) {
  await cell(page, d).getByRole("button", { name: `New item on ${label(d)}` }).click();
  const form = page.getByRole("dialog", { name: `New item on ${label(d)}` });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Workflow").selectOption({ label: workflow });
  await form.getByRole("button", { name: "Create item" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${title} on ${label(d)}.`);
  await expect(entry(cell(page, d), title)).toBeVisible();
}

test("month and week views switch with the day kept in the URL; a date it cannot read shows today", async ({ page }) => {
  await signIn(page, JONAS.email);
  await gotoHydrated(page, "/calendar");
  const views = page.getByRole("group", { name: "View" });
  await expect(views.getByRole("button", { name: "Month" })).toHaveAttribute("aria-pressed", "true");
  const today = cell(page, day(0));
  await expect(today).toContainText("Today");
  await expect(page.getByRole("heading", { level: 2, name: `${MONTHS[day(0).getUTCMonth()]} ${day(0).getUTCFullYear()}` })).toBeVisible();

  await views.getByRole("button", { name: "Week" }).click();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${iso(day(0))}`));
  await expect(views.getByRole("button", { name: "Week" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("cell")).toHaveCount(7);
  await expect(cell(page, day(0))).toContainText("Today");

  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`view=week&date=${iso(day(7))}`));
  await expect(cell(page, day(7))).toBeVisible();
  await expect(cell(page, day(0))).toHaveCount(0);

  await page.getByRole("group", { name: "View" }).getByRole("button", { name: "Month" }).click();
  await expect(page).toHaveURL(new RegExp(`view=month&date=${iso(day(7))}`));
  // The month replaces the week's seven cells once it has loaded.
  await expect.poll(() => page.getByRole("cell").count()).toBeGreaterThanOrEqual(28);

  await page.getByRole("link", { name: "Today" }).click();
  await expect(cell(page, day(0))).toContainText("Today");

  const response = await gotoHydrated(page, "/calendar?view=week&date=2026-02-30");
  expect(response?.status()).toBe(200);
  await expect(cell(page, day(0))).toContainText("Today");
});

test("an entry dragged to another day stays there after a reload, and the move is in its activity", async ({ page }) => {
  const title = `Dragged post ${unique()}`;
  const from = day(9);
  const to = sameWeekNeighbour(from);
  await signIn(page, JONAS.email);
  await gotoHydrated(page, `/calendar?view=month&date=${iso(from)}`);
  await startOn(page, from, title, "Content production");

  await drag(page, entry(cell(page, from), title), cell(page, to));
  await expect(entry(cell(page, to), title)).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Moved ${title} to ${label(to)}.`);
  await expect(entry(cell(page, from), title)).toHaveCount(0);

  await page.reload();
  await expect(entry(cell(page, to), title)).toBeVisible();
  await expect(entry(cell(page, from), title)).toHaveCount(0);

  await entry(cell(page, to), title).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(/scheduled it for .* \(all day\)/).last()).toBeVisible();
});

test("an item dragged from the unscheduled tray lands on the day", async ({ page }) => {
  const title = `Tray idea ${unique()}`;
  const target = day(5);
  await signIn(page, JONAS.email);
  const made = await page.request.post("/api/create_item", { form: { workflow: "social-publishing", title } });
  expect(made.ok()).toBeTruthy();

  // The tray lists the soonest due first; Jonas's own items are few.
  await gotoHydrated(page, `/calendar?view=month&date=${iso(target)}&owner=6`);
  const tray = page.getByRole("list", { name: "Unscheduled items" });
  await expect(entry(tray, title)).toBeVisible();
  await drag(page, entry(tray, title), cell(page, target));
  await expect(entry(cell(page, target), title)).toBeVisible();
  await expect(entry(tray, title)).toHaveCount(0);

  await page.reload();
  await expect(entry(cell(page, target), title)).toBeVisible();
  await expect(entry(page.getByRole("list", { name: "Unscheduled items" }), title)).toHaveCount(0);
});

test("a filter by channel is kept in the URL and leaves only that channel's entries", async ({ page }) => {
  const post = `Filtered post ${unique()}`;
  const send = `Filtered send ${unique()}`;
  const when = day(11);
  await signIn(page, JONAS.email);
  await gotoHydrated(page, `/calendar?view=week&date=${iso(when)}`);
  await startOn(page, when, post, "Content production");
  await startOn(page, when, send, "Email campaign");

  await page.getByLabel("Channel", { exact: true }).selectOption({ label: "Email" });
  await expect(page).toHaveURL(/channel=email/);
  await expect(entry(cell(page, when), send)).toBeVisible();
  await expect(entry(cell(page, when), post)).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("email");
  await expect(entry(cell(page, when), send)).toBeVisible();
  await expect(entry(cell(page, when), post)).toHaveCount(0);
  // Every entry left says it goes out by email.
  const links = page.getByRole("cell").getByRole("link");
  const count = await links.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(links.nth(i)).toHaveAccessibleDescription(/^Email,/);
  }
});

test("the keyboard moves an entry a day at a time, and a date gone by is refused with the reason", async ({ page }) => {
  const title = `Keyboard post ${unique()}`;
  const from = day(16).getUTCDay() === 0 ? day(15) : day(16);
  const next = addDays(from, 1);
  await signIn(page, JONAS.email);
  await gotoHydrated(page, `/calendar?view=week&date=${iso(from)}`);
  await startOn(page, from, title, "Content production");

  await entry(cell(page, from), title).focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(entry(cell(page, next), title)).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`Moved ${title} to ${label(next)}.`);
  await expect(entry(cell(page, next), title)).toBeFocused();

  await cell(page, next).getByRole("button", { name: `Move ${title}` }).click();
  const dialog = page.getByRole("dialog", { name: `Reschedule ${title}` });
  await expect(dialog.getByLabel("Date")).toBeFocused();
  await dialog.getByLabel("Date").fill(iso(day(-1)));
  await dialog.getByRole("button", { name: "Reschedule" }).click();
  await expect(page.getByRole("alert")).toContainText(`${title} did not move: Can't schedule in the past:`);
  await expect(page.getByRole("alert")).toContainText("has gone by");
  await expect(entry(cell(page, next), title)).toBeVisible();
});

test("a move on one calendar shows on another without a reload", async ({ browser }) => {
  const title = `Live post ${unique()}`;
  const from = day(20);
  const to = sameWeekNeighbour(from);
  const one = await (await browser.newContext()).newPage();
  const two = await (await browser.newContext()).newPage();
  await signIn(one, JONAS.email);
  await signIn(two, AISHA.email);
  const path = `/calendar?view=week&date=${iso(from)}`;
  await gotoHydrated(one, path);
  await startOn(one, from, title, "Social publishing");
  await gotoHydrated(two, path);
  await expect(entry(cell(two, from), title)).toBeVisible();

  await drag(one, entry(cell(one, from), title), cell(one, to));
  await expect(entry(cell(one, to), title)).toBeVisible();
  await expect(entry(cell(two, to), title)).toBeVisible({ timeout: 15_000 });
  await expect(entry(cell(two, from), title)).toHaveCount(0);
});

test("a viewer sees the calendar but has nothing to move or add", async ({ page }) => {
  await signIn(page, TOM.email);
  await gotoHydrated(page, "/calendar");
  await expect(cell(page, day(0))).toBeVisible();
  await expect(page.getByRole("button", { name: /^New item on / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Move|Schedule) / })).toHaveCount(0);
  await expect(page.getByText("moving them and adding items needs a member account")).toBeVisible();
});

test("a private feed address is shown once, opens without a session, and stops working when regenerated or turned off", async ({ page, playwright }) => {
  await signIn(page, AISHA.email);
  await gotoHydrated(page, "/profile");
  const feed = page.getByRole("region", { name: "Calendar subscription" });
  await feed.getByRole("button", { name: "Turn on the calendar feed" }).click();
  await expect(feed).toContainText("Copy it now");
  const address = feed.getByRole("textbox", { name: "Your private calendar address" });
  await expect(address).toHaveValue(/\/calendar\.ics\?token=[\w-]{40,}$/);
  const first = await address.inputValue();

  const calendarApp = await playwright.request.newContext();
  const fetched = await calendarApp.get(first);
  expect(fetched.status()).toBe(200);
  expect(fetched.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(await fetched.text()).toContain("BEGIN:VEVENT");

  await feed.getByRole("button", { name: "Regenerate the address" }).click();
  await expect(address).not.toHaveValue(first);
  const second = await address.inputValue();
  expect((await calendarApp.get(first)).status()).toBe(404);
  expect((await calendarApp.get(second)).status()).toBe(200);

  // Baton keeps only a fingerprint: once the page is left, the address is gone from it.
  await page.reload();
  await expect(feed.getByText(/^On since .* Last fetched/)).toBeVisible();
  await expect(address).toHaveCount(0);
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await feed.getByRole("button", { name: "Turn off" }).click();
  await expect(feed.getByText("Off.", { exact: true })).toBeVisible();
  expect((await calendarApp.get(second)).status()).toBe(404);
  await calendarApp.dispose();
});

test("admins tune the planning rules on the calendar; members don't see them", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, MAYA.email);
  await gotoHydrated(admin, "/calendar");
  await admin.getByText("Planning rules", { exact: true }).click();
  await admin.getByLabel("Over-contact window (days)").fill("5");
  await admin.getByRole("button", { name: "Save rules" }).click();
  await expect(admin.getByRole("status")).toContainText("Planning rules saved: over-contact within 5 days");
  await expect(admin.getByLabel("Over-contact window (days)")).toHaveValue("5");
  await admin.getByLabel("Over-contact window (days)").fill("3");
  await admin.getByRole("button", { name: "Save rules" }).click();
  await expect(admin.getByRole("status")).toContainText("over-contact within 3 days");

  const member = await (await browser.newContext()).newPage();
  await signIn(member, JONAS.email);
  await gotoHydrated(member, "/calendar");
  await expect(member.getByRole("cell").first()).toBeVisible();
  await expect(member.getByText("Planning rules", { exact: true })).toHaveCount(0);
});
