import { test, expect, type Page } from "@playwright/test";
import { DANA, TOM, gotoHydrated, signIn, unique } from "./helpers";

// A member nobody else's tests sign in as... for the send log: Aisha runs email (mail.spec
// signs her in too, but only reads her notification settings).
const AISHA = { email: "aisha@northwind.example", name: "Aisha Karim" };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT = MONTHS.map((m) => m.slice(0, 3));

/** A day `offset` days from today, in UTC (the demo accounts' time zone). */
function day(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset));
}
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** How a calendar day cell is labelled: "Monday 7 December 2026". */
const cellLabel = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
/** How Baton writes a day: "7 Dec 2026". */
const dayWords = (d: Date) => `${d.getUTCDate()} ${SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;

/** Starts an item on a day from the calendar, in a campaign. */
async function startOn(page: Page, d: Date, title: string, workflow: string, campaign: string) {
  await gotoHydrated(page, `/calendar?view=month&date=${iso(d)}`);
  const cell = page.getByRole("cell", { name: cellLabel(d), exact: true });
  await cell.getByRole("button", { name: `New item on ${cellLabel(d)}` }).click();
  const form = page.getByRole("dialog", { name: `New item on ${cellLabel(d)}` });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("Workflow").selectOption({ label: workflow });
  await form.getByLabel("Campaign").selectOption({ label: campaign });
  await form.getByRole("button", { name: "Create item" }).click();
  await expect(page.getByRole("status")).toContainText(`Added ${title}`);
}

test("a manager creates a campaign, its items from two workflows show on its timeline, and a bar dragged to another day moves on the calendar too", async ({ page }) => {
  const u = unique();
  const name = `Launch ${u}`;
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/campaigns");
  const form = page.getByRole("form", { name: "New campaign" });
  // Bad input first: an end before the start is refused in words, nothing is created.
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Starts").fill(iso(day(1)));
  await form.getByLabel("Ends").fill(iso(day(0)));
  await form.getByRole("button", { name: "Create campaign" }).click();
  await expect(form.getByText(/can't end .* before it starts/)).toBeVisible();
  await form.getByLabel("Starts").fill(iso(day(0)));
  await form.getByLabel("Ends").fill(iso(day(30)));
  await form.getByLabel("Budget").fill("5000 EUR");
  await form.getByLabel("Goals").fill("leads >= 50");
  await form.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  const campaignUrl = new URL(page.url()).pathname;
  await expect(page.getByText("Budget 5,000 EUR; no spend recorded yet")).toBeVisible();
  await expect(page.getByRole("cell", { name: "leads at least 50" })).toBeVisible();

  const post = `Teaser ${u}`;
  const email = `Announcement ${u}`;
  await startOn(page, day(4), post, "Social publishing", name);
  await startOn(page, day(6), email, "Email campaign", name);

  await gotoHydrated(page, campaignUrl);
  const lanes = page.getByRole("list", { name: "Timeline lanes" });
  const emailBar = lanes.getByRole("list", { name: "Email items" }).getByRole("link", { name: new RegExp(`^${email}, Email campaign`) });
  await expect(emailBar).toHaveAccessibleName(new RegExp(`goes out ${dayWords(day(6))}`));
  await expect(lanes.getByRole("link", { name: new RegExp(`^${post}, Social publishing`) })).toBeVisible();
  await expect(page.getByRole("region", { name: "Items by workflow" }).getByRole("link", { name: email })).toBeVisible();

  // Drag the email's bar three days later.
  const days = Number(await page.locator("[data-timeline-days]").getAttribute("data-timeline-days"));
  const track = emailBar.locator("xpath=..");
  const width = (await track.boundingBox())!.width;
  const bar = (await emailBar.boundingBox())!;
  const startX = bar.x + bar.width - 6;
  const y = bar.y + bar.height / 2;
  await page.mouse.move(startX, y);
  await page.mouse.down();
  await page.mouse.move(startX + 10, y, { steps: 2 });
  await page.mouse.move(startX + (3 * width) / days, y, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByRole("status").filter({ hasText: email })).toHaveText(`“${email}” now goes out ${dayWords(day(9))}.`);
  await expect(page).toHaveURL(new RegExp(`${campaignUrl}$`));

  // Keyboard: one day back with the left arrow.
  await emailBar.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("status").filter({ hasText: email })).toHaveText(`“${email}” now goes out ${dayWords(day(8))}.`);

  // The calendar has it on its new day.
  await gotoHydrated(page, `/calendar?view=month&date=${iso(day(8))}`);
  await expect(page.getByRole("cell", { name: cellLabel(day(8)), exact: true }).getByRole("link", { name: email, exact: true })).toBeVisible();

  // The list shows the campaign with its two items and its budget.
  await gotoHydrated(page, "/campaigns");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("5,000 EUR");
  await expect(row).toContainText("2 (0 done)");
  await expect(row).toContainText("On track");
});

test("closing a campaign with open items asks first; a viewer sees campaigns but cannot change them", async ({ page }) => {
  const u = unique();
  const name = `Closing ${u}`;
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/campaigns");
  const form = page.getByRole("form", { name: "New campaign" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const url = new URL(page.url()).pathname;
  await startOn(page, day(3), `Open work ${u}`, "Social publishing", name);
  await gotoHydrated(page, url);
  await page.getByRole("button", { name: "Close campaign" }).click();
  const ask = page.getByRole("alertdialog");
  await expect(ask).toContainText("1 item is still open. Close the campaign anyway?");
  await ask.getByRole("button", { name: "Close it anyway" }).click();
  await expect(page.getByRole("status")).toHaveText("Campaign closed.");
  await expect(page.getByText("Closed", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen campaign" })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, TOM.email);
  await gotoHydrated(page, url);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close campaign" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reopen campaign" })).toHaveCount(0);
  await gotoHydrated(page, "/campaigns");
  await expect(page.getByRole("form", { name: "New campaign" })).toHaveCount(0);
});

test("a send recorded on an email in Send & monitor is in the send log, and a second one to the same segment warns of over-contact", async ({ page }) => {
  const u = unique();
  await signIn(page, AISHA.email);
  // The demo's emails already sent are in the log; open one of them.
  await gotoHydrated(page, "/sends");
  const first = page.getByRole("table").getByRole("row").nth(1);
  const title = (await first.getByRole("link").textContent())!.trim();
  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const log = page.getByRole("region", { name: "Send log" });
  const sendForm = page.getByRole("form", { name: "Record a send" });
  // Zero recipients is refused with the reason.
  await sendForm.getByLabel("Subject").fill(`Resend ${u}`);
  await sendForm.getByLabel("Segment or list").fill(`Segment ${u}`);
  await sendForm.getByLabel("Recipients").fill("0");
  await sendForm.getByRole("button", { name: "Record send" }).click();
  await expect(log.getByText("A send goes to at least one recipient")).toBeVisible();
  await sendForm.getByLabel("Recipients").fill("2,400");
  await sendForm.getByRole("button", { name: "Record send" }).click();
  await expect(page.getByRole("status")).toHaveText("Send recorded.");
  await expect(log.getByRole("cell", { name: `Resend ${u}` })).toBeVisible();
  // A second send to the same segment right after: recorded, with the warning naming the first.
  await page.getByRole("form", { name: "Record a send" }).getByLabel("Subject").fill(`Again ${u}`);
  await page.getByRole("form", { name: "Record a send" }).getByLabel("Segment or list").fill(`segment ${u}`);
  await page.getByRole("form", { name: "Record a send" }).getByLabel("Recipients").fill("100");
  await page.getByRole("form", { name: "Record a send" }).getByRole("button", { name: "Record send" }).click();
  await expect(page.getByRole("note").filter({ hasText: "Over-contact" })).toContainText(`“Resend ${u}”`);

  await gotoHydrated(page, `/sends?segment=${encodeURIComponent(`Segment ${u}`)}`);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText(`Again ${u}`);
  await expect(rows.nth(2)).toContainText(`Resend ${u}`);
  await expect(rows.nth(2)).toContainText("2,400");
  const csv = await page.request.get(`/sends/export?segment=${encodeURIComponent(`Segment ${u}`)}`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text.split("\r\n").filter((l) => l).length).toBe(3);
  expect(text).toContain(`Resend ${u}`);
});

test("an item finished with the move that records its outcome shows the outcome on the item and in its activity", async ({ page }) => {
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/board/social-publishing");
  const first = page.getByRole("list", { name: "Scheduled", exact: true }).getByRole("listitem").first();
  const href = await first.getByRole("link").first().getAttribute("href");
  await gotoHydrated(page, href!);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const queued = page.getByRole("checkbox", { name: /Queued in the publishing tool/ });
  if (!(await queued.isChecked())) {
    await queued.check();
    await expect(queued).toBeChecked();
    // The tick is saved before the outcome is recorded on top of it: the page read again
    // holds the item's new version (a record sent with the old one would be a conflict).
    await gotoHydrated(page, href!);
    await expect(queued).toBeChecked();
  }
  const outcome = page.getByRole("region", { name: "Outcome" });
  await expect(outcome).toContainText("A published URL — asked for when it reaches Monitoring.");
  const form = page.getByRole("form", { name: "Record the outcome" });
  const url = `https://social.example/posts/${unique()}`;
  await form.getByLabel("Published at (address)").fill(url);
  await form.getByRole("button", { name: "Record outcome and move to Monitoring" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Outcome recorded" })).toHaveText("Outcome recorded and the item finished.");
  await expect(page.getByText(/· in Monitoring/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Outcome" }).locator("[data-outcome]")).toHaveText(`Published at ${url}`);
  await expect(page.getByRole("region", { name: "Activity" })).toContainText(`recorded the outcome: Published at ${url}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});
