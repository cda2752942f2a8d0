import { test, expect, type Page } from "@playwright/test";
import { DANA, MAYA, gotoHydrated, signIn, unique } from "./helpers";

// Sam is a member nobody else's tests sign in as for designer work.
const SAM = { email: "sam@northwind.example", name: "Sam Rivera" };

const stageCard = (page: Page, position: number, name: string) =>
  page.getByRole("listitem", { name: `${position}. ${name}`, exact: true });
const saved = (page: Page) => page.getByRole("region", { name: "Save" }).getByRole("status");

async function addStage(page: Page, name: string) {
  await page.getByLabel("New stage").fill(name);
  await page.getByRole("button", { name: "Add stage" }).click();
}

test("a manager builds a workflow in the designer, its gate holds an item, and a new SLA shows in the version diff", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Launch checks ${unique()}`;
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/workflows");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create and design" }).click();
  await expect(page).toHaveURL(/\/workflows\/new\?name=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Design: ${name}`);
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);

  // The engine explains what is missing as the manager works.
  await expect(page.getByRole("heading", { name: "1 problem to fix before saving" })).toBeVisible();
  await expect(page.getByRole("link", { name: "The workflow needs at least one stage" })).toBeVisible();
  for (const stage of ["Draft", "Review", "Live"]) await addStage(page, stage);
  await expect(stageCard(page, 3, "Live")).toBeVisible();

  // Review needs sign-off: without an approver the problem shows next to it.
  const review = stageCard(page, 2, "Review");
  await review.getByLabel("Needs approval to leave").check();
  await expect(review.getByText('Stage "review" needs approval but names no approvers')).toBeVisible();
  // Picked by her first name: another test renames Dana's profile during the run.
  const add = review.getByLabel("Add an approver");
  await add.selectOption((await add.locator("option", { hasText: /^Dana/ }).getAttribute("value"))!);
  await expect(review.getByRole("list", { name: "Approvers" })).toContainText("Dana");
  await expect(review.getByText('Stage "review" needs approval but names no approvers')).toHaveCount(0);

  // Draft has a required checklist line.
  const draft = stageCard(page, 1, "Draft");
  await draft.getByLabel("New checklist line").fill("Alt text on every image");
  await draft.getByRole("button", { name: "Add line" }).click();
  await expect(draft.getByRole("textbox", { name: "Checklist line Alt text on every image" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No problems: this workflow can be saved." })).toBeVisible();

  await page.getByRole("button", { name: "Save the workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/launch-checks-[a-z0-9-]+\/edit$/);
  const id = page.url().match(/\/workflows\/([^/]+)\/edit$/)![1];
  await expect(page.getByText("Version 1 is current.")).toBeVisible();

  // An item on the new board: the checklist holds it in Draft, then lets it go.
  const title = `First launch ${unique()}`;
  await gotoHydrated(page, `/board/${id}`);
  await page.getByLabel("New item title").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const inDraft = page.getByRole("list", { name: "Draft", exact: true }).getByRole("listitem", { name: title });
  await expect(inDraft).toBeVisible();
  await inDraft.focus();
  await page.keyboard.press("Shift+ArrowRight");
  const refusal = inDraft.getByRole("alert");
  await expect(refusal).toContainText("Can't move to Review yet");
  await expect(refusal).toContainText("Alt text on every image");

  const href = await inDraft.getByRole("link", { name: title }).getAttribute("href");
  const itemId = href!.match(/item=(\d+)/)![1];
  await gotoHydrated(page, `/items/${itemId}`);
  await page.getByLabel("Alt text on every image").check();
  await expect(page.getByRole("status")).toContainText("Ticked");

  await gotoHydrated(page, `/board/${id}`);
  const again = page.getByRole("list", { name: "Draft", exact: true }).getByRole("listitem", { name: title });
  await again.focus();
  await page.keyboard.press("Shift+ArrowRight");
  const inReview = page.getByRole("list", { name: "Review", exact: true }).getByRole("listitem", { name: title });
  await expect(inReview).toBeVisible();

  // Review's sign-off holds it until Dana approves; then it goes on to Live.
  await inReview.focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect(inReview.getByRole("alert")).toContainText("Can't move to Live yet");
  await expect(page.getByRole("list", { name: "Live", exact: true }).getByRole("listitem", { name: title })).toHaveCount(0);
  await gotoHydrated(page, `/items/${itemId}`);
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByRole("status")).toContainText("Submitted for approval");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Approved");
  await gotoHydrated(page, `/board/${id}`);
  await expect(page.getByRole("list", { name: "Live", exact: true }).getByRole("listitem", { name: title })).toBeVisible();

  // A new SLA on Review becomes version 2, and the diff says so in words.
  await gotoHydrated(page, `/workflows/${id}/edit`);
  await stageCard(page, 2, "Review").getByLabel("SLA in hours (empty for none)").fill("24");
  await expect(page.getByText("1 unsaved change.")).toBeVisible();
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(saved(page)).toContainText("Saved as version 2");
  await page.getByRole("link", { name: "Versions, pilot and moving items" }).click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));
  await expect(page.getByRole("list", { name: "Changes from version 1 to version 2" })).toContainText("Review: SLA set to 24 h");
  // The item stayed on version 1.
  await expect(page.getByText("Version 1: 1 open item")).toBeVisible();

  // A member reads the same designer, with nothing to change.
  await page.context().clearCookies();
  await signIn(page, SAM.email);
  await gotoHydrated(page, `/workflows/${id}/edit`);
  await expect(page.getByRole("note")).toHaveText("Only managers and admins change workflows; you can read everything here.");
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(stageCard(page, 2, "Review").getByLabel("SLA in hours (empty for none)")).toHaveValue("24");
  await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add stage" })).toHaveCount(0);
});

test("stages reorder with the keyboard and by drag, and a second save from the same version is told to reload", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const name = `Reorder ${unique()}`;
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/workflows");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create and design" }).click();
  await expect(page).toHaveURL(/\/workflows\/new\?name=/);
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  for (const stage of ["Brief", "Write", "Ship"]) await addStage(page, stage);
  await stageCard(page, 3, "Ship").getByRole("button", { name: "Move Ship up" }).click();
  await expect(stageCard(page, 2, "Ship")).toBeVisible();
  await expect(page.getByText("Ship moved to position 2 of 3.")).toBeAttached();
  // Drag Brief (first) by its heading onto the last place. The cards are taller than the
  // window, so the page is scrolled with the wheel mid-drag, as someone would.
  await stageCard(page, 1, "Brief").getByRole("heading", { name: "1. Brief" }).scrollIntoViewIfNeeded();
  const from = await stageCard(page, 1, "Brief").getByRole("heading", { name: "1. Brief" }).boundingBox();
  await page.mouse.move(from!.x + 10, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + 20, from!.y + 30, { steps: 4 });
  const viewport = page.viewportSize()!;
  const before = await stageCard(page, 3, "Write").boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, before!.y - viewport.height / 3);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled);
  const to = await stageCard(page, 3, "Write").boundingBox();
  expect(to!.y).toBeLessThan(viewport.height - 60);
  await page.mouse.move(to!.x + 20, to!.y + 40, { steps: 12 });
  await page.mouse.up();
  await expect(stageCard(page, 3, "Brief")).toBeVisible();
  await expect(stageCard(page, 1, "Ship")).toBeVisible();
  await page.getByRole("button", { name: "Save the workflow" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  const path = new URL(page.url()).pathname;
  await gotoHydrated(page, path);
  await expect(page.getByText("Version 1 is current.")).toBeVisible();

  // Another manager opens the same version and saves first.
  const leo = await browser.newPage();
  await signIn(leo, "leo@northwind.example");
  await gotoHydrated(leo, path);
  await stageCard(leo, 1, "Ship").getByLabel("Stage name").fill("Launch");
  await leo.getByRole("button", { name: "Save as a new version" }).click();
  await expect(saved(leo)).toContainText("Saved as version 2");
  await leo.close();

  // Dana's save from version 1 is refused; her draft stays and goes on top of Leo's.
  await page.getByLabel("Name", { exact: true }).fill(`${name} (Dana)`);
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByRole("region", { name: "Save" }).getByRole("alert")).toContainText("changed by someone else");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${name} (Dana)`);
  await page.getByRole("button", { name: "Reload their version and apply my changes again" }).click();
  await expect(saved(page)).toContainText("Loaded version 2");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`${name} (Dana)`);
  await expect(stageCard(page, 1, "Launch")).toBeVisible();
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(saved(page)).toContainText("Saved as version 3");
});

test("the brand check flags a banned word as someone types", async ({ page }) => {
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/settings");
  const guide = page.getByRole("form", { name: "Brand style guide" });
  await guide.getByRole("button", { name: "Add a banned phrase" }).click();
  const last = guide.getByLabel("Don't write").last();
  await last.fill("synergy");
  await guide.getByLabel("Write instead (empty: leave it out)").last().fill("working together");
  await guide.getByRole("button", { name: "Save the style guide" }).click();
  await expect(guide.getByRole("status")).toContainText("Style guide saved");

  await page.context().clearCookies();
  await signIn(page, SAM.email);
  const title = `Brand post ${unique()}`;
  await gotoHydrated(page, "/board/social-publishing");
  await page.getByLabel("New item title").fill(title);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  const card = page.getByRole("list", { name: "Content calendar", exact: true }).getByRole("listitem", { name: title });
  const href = await card.getByRole("link", { name: title }).getAttribute("href");
  await gotoHydrated(page, `/items/${href!.match(/item=(\d+)/)![1]}`);
  const copy = page.getByRole("textbox", { name: /^Draft copy/ });
  await copy.pressSequentially("Our Synergy story");
  const findings = page.getByRole("group", { name: "Brand check" });
  await expect(findings).toContainText("“Synergy” is on the banned list — write “working together”");
  await copy.fill("Our story of working together");
  await expect(page.getByText("Brand check: nothing to fix.")).toBeVisible();
});
