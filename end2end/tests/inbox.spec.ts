import { test, expect, type Page } from "@playwright/test";
import { DANA, TOM, gotoHydrated, signIn } from "./helpers";

// Sam owns the demo's social posts; Dana approves them for the brand account.
const SAM = { email: "sam@northwind.example", name: "Sam Rivera" };
const TITLE = "Launch day thread";

/** The item page of the demo post, found from its card on the social board. */
async function openPost(page: Page) {
  await gotoHydrated(page, "/board/social-publishing");
  const href = await page
    .getByRole("listitem", { name: TITLE })
    .getByRole("link", { name: TITLE })
    .first()
    .getAttribute("href");
  // The card opens the item in the board's drawer; the item's own page has the same id.
  const id = href?.match(/item=(\d+)/)?.[1];
  expect(id).toBeTruthy();
  await gotoHydrated(page, `/items/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
}

async function moveToApprovalAndSubmit(page: Page) {
  await page.getByRole("button", { name: "Move to Approval" }).click();
  await expect(page.getByRole("status")).toContainText("Moved");
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByRole("status")).toContainText("Submitted for approval");
}

test("an approval goes round: submitted, changes requested with feedback, revised, approved, moved on", async ({ browser }) => {
  test.setTimeout(120_000);
  const samContext = await browser.newContext();
  const danaContext = await browser.newContext();
  const sam = await samContext.newPage();
  const dana = await danaContext.newPage();

  // Sam submits the post for approval from its page.
  await signIn(sam, SAM.email);
  await openPost(sam);
  const itemUrl = sam.url();
  // What Creation asks for before Approval: the brand account, its approver, the checklist.
  await sam.getByRole("textbox", { name: /^Brand account/ }).fill("@northwind");
  // Picked by her first name: another test renames Dana's profile during the run.
  const approver = sam.getByRole("combobox", { name: /^Brand account approver/ });
  const dana_id = await approver.locator("option", { hasText: /^Dana/ }).getAttribute("value");
  await approver.selectOption(dana_id!);
  await sam.getByRole("button", { name: "Save changes" }).click();
  await expect(sam.getByRole("status")).toContainText("Saved");
  for (const line of ["Copy final and within the platform's limits", "Asset sized for the platform", "Alt text or captions added"]) {
    await sam.getByLabel(line).check();
    await expect(sam.getByRole("status")).toContainText(`Ticked “${line}”`);
  }
  await moveToApprovalAndSubmit(sam);

  // Dana finds it in her inbox, with the SLA clock running, and asks for changes.
  await signIn(dana, DANA.email);
  await gotoHydrated(dana, "/inbox");
  const row = dana.getByRole("listitem", { name: TITLE });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Your approval");
  await expect(row).toContainText(/SLA: Due in (23|24) h/);
  await expect(row).toContainText(/Dana[^—]* — to decide/);
  await row.getByRole("button", { name: "Request changes" }).click();
  // Feedback is required: an empty request is refused in place.
  await row.getByRole("button", { name: "Request changes" }).click();
  await expect(row.getByRole("alert")).toContainText("feedback is required");
  await row.getByLabel("Feedback").fill("Lead with the speaker's name and cut the second hashtag.");
  await row.getByRole("button", { name: "Request changes" }).click();
  await expect(dana.getByRole("status")).toContainText(`Asked for changes on “${TITLE}”`);
  await expect(dana.getByRole("listitem", { name: TITLE })).toHaveCount(0);

  // Sam sees the feedback on the item, where he works, and is notified.
  await gotoHydrated(sam, itemUrl);
  const feedback = sam.getByRole("region", { name: "Feedback to act on" });
  await expect(feedback).toContainText(/Dana.* asked for changes:/);
  await expect(feedback).toContainText("Lead with the speaker's name");
  await expect(sam.getByText(/· in Creation/)).toBeVisible();
  const bell = sam.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await bell.click();
  await expect(sam.getByRole("list", { name: "Notifications" })).toContainText(
    new RegExp(`Dana.* requested changes on “${TITLE}”`),
  );
  await bell.click();

  // He revises the copy and submits again.
  await sam.getByRole("textbox", { name: /^Draft copy/ }).fill("Live from Northwind Summit: Ana Ruiz on planning that ships. #NorthwindSummit");
  await sam.getByRole("button", { name: "Save changes" }).click();
  await expect(sam.getByRole("status")).toContainText("Saved");
  await moveToApprovalAndSubmit(sam);

  // Dana's inbox has it again without a reload; she approves and it moves on by itself.
  await expect(row).toBeVisible({ timeout: 10_000 });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(dana.getByRole("status")).toContainText(`Approved “${TITLE}”`);
  await expect(dana.getByRole("listitem", { name: TITLE })).toHaveCount(0);

  await gotoHydrated(sam, itemUrl);
  await expect(sam.getByText(/· in Scheduled/)).toBeVisible();
  await expect(sam.getByRole("region", { name: "Feedback to act on" })).toHaveCount(0);

  await samContext.close();
  await danaContext.close();
});

test("the inbox count and the bell are in the navigation, and a viewer has nothing to decide", async ({ page, browser }) => {
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/inbox");
  await expect(page.getByTestId("inbox-count")).toHaveText(/\d+/);
  await expect(page.getByRole("button", { name: /^Notifications, / })).toBeVisible();
  // The demo's approvals have waited for days: breached ones come first.
  const first = page.getByRole("list", { name: "Waiting on you" }).getByRole("listitem").first();
  await expect(first).toContainText(/Escalated to you|SLA breached/);

  const viewer = await browser.newContext();
  const tom = await viewer.newPage();
  await signIn(tom, TOM.email);
  await gotoHydrated(tom, "/inbox");
  await expect(tom.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(tom.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);
  await expect(tom.getByRole("button", { name: "Request changes" })).toHaveCount(0);
  await viewer.close();
});
