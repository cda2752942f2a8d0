import { test, expect, type Page } from "@playwright/test";
import { DANA, MAYA, TOM, gotoHydrated, signIn, unique } from "./helpers";

const BOARD = "/board/content-production";

/** Calls a server function as the page's signed-in person (setting up an item quickly). */
async function call(page: Page, name: string, data: unknown) {
  const response = await page.request.post(`/api/${name}`, { data, headers: { origin: new URL(page.url()).origin } });
  expect(response.ok(), `${name}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.json();
}

/** A team's own copy of content production, with no items yet (so no WIP limit is full). */
async function copyOfContent(page: Page, name: string): Promise<string> {
  const response = await page.request.post("/api/copy_workflow", {
    form: { from: "content-production", name },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()).id;
}

/** A content item in Draft with everything Draft asks for, ready to move to Review. */
async function readyForReview(page: Page, workflow: string, title: string): Promise<number> {
  const directory = await call(page, "board_directory", {});
  const maya = directory.people.find((p: { name: string }) => p.name === MAYA.name).id;
  const id: number = await call(page, "create_card", { workflow, card: { title } });
  const text = (value: string) => ({ type: "text", value });
  const operations = [
    {
      op: "edit_fields",
      values: {
        topic: text("Why approvals stall"),
        audience: { type: "segment", value: "Marketing leads" },
        brief: text("The three causes and the fix."),
        reviewer: { type: "person", value: maya },
        draft_url: { type: "url", value: "https://docs.example.com/approvals-draft" },
      },
    },
    { op: "tick", line: "goal-agreed" },
    { op: "move_to", stage: "draft", reason: null },
    { op: "tick", line: "follows-brief" },
  ];
  await call(page, "apply_operations", { id, version: 1, operations });
  return id;
}

test("a manager builds a rule in the browser, previews it, switches it on, and a move runs it", async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Review goes to Dana ${unique()}`;
  const flow = `Blog posts ${unique()}`;
  await signIn(page, DANA.email);
  const workflow = await copyOfContent(page, flow);
  await gotoHydrated(page, "/automations");
  await expect(page.getByRole("heading", { level: 1, name: "Automations" })).toBeVisible();
  // The suggested rules are there, switched off.
  await expect(page.getByRole("list", { name: "Rules" })).toContainText("Low open rate → re-engagement email");
  await page.getByRole("link", { name: "New rule" }).click();
  await expect(page).toHaveURL(/\/automations\/new$/);
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Listens to").selectOption({ label: flow });
  await page.getByLabel("What sets it off").selectOption({ label: "An item enters a stage" });
  await page.getByLabel("Stage", { exact: true }).selectOption({ label: "Review" });
  await expect(page.getByRole("status").filter({ hasText: "problem" })).toContainText("1 problem");

  await page.getByRole("button", { name: "Add an action" }).click();
  await page.getByLabel("Action 1", { exact: true }).selectOption({ label: "Assign" });
  const person = page.getByRole("combobox", { name: "Person" });
  const danaId = await person.locator("option", { hasText: /^Dana/ }).getAttribute("value");
  await person.selectOption(danaId!);
  await page.getByRole("button", { name: "Add an action" }).click();
  await page.getByLabel("Action 2", { exact: true }).selectOption({ label: "Notify" });
  await page.getByRole("checkbox", { name: /^Dana/ }).check();
  await page.getByLabel("Message").fill("“{title}” is in {stage}: over to you");
  await expect(page.getByTestId("rule-sentence")).toContainText("enters Review");
  await expect(page.getByText("No problems: it can be saved.")).toBeVisible();

  await page.getByRole("button", { name: "Save the rule (switched off)" }).click();
  await expect(page).toHaveURL(/\/automations\/\d+$/);
  const ruleUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Switched off", { exact: true })).toBeVisible();

  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await page.getByRole("button", { name: "Preview the last 30 days" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("changes of the last 30 days");
  await expect(preview).toContainText("Nothing was changed.");

  await page.getByRole("button", { name: "Switch on" }).click();
  await expect(page.getByText("Switched on", { exact: true })).toBeVisible();

  // Someone moves a card into Review: the rule assigns Dana and tells her.
  const title = `Approvals explainer ${unique()}`;
  const id = await readyForReview(page, workflow, title);
  await gotoHydrated(page, `/items/${id}`);
  await page.getByRole("button", { name: "Move to Review" }).click();
  await expect(page.getByRole("status").first()).toContainText("Moved");

  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Results" }).getByText("By automation (1 run)")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("list").filter({ hasText: "changed who works on it" }).first()).toContainText("Baton");
  // The reload above may not have hydrated yet: a click before that opens nothing.
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  await page.getByRole("button", { name: /^Notifications, \d+ unread/ }).click();
  await expect(page.getByRole("list", { name: "Notifications" })).toContainText(`“${title}” is in Review: over to you`);

  await gotoHydrated(page, ruleUrl);
  const log = page.getByRole("region", { name: "Run log" });
  await expect(log.getByRole("listitem").filter({ hasText: title })).toContainText("Done");
  await expect(log).toContainText("assign to Dana");
});

test("a request sent through the intake form appears on an open board at once", async ({ browser }) => {
  test.setTimeout(90_000);
  const watcherContext = await browser.newContext();
  const askerContext = await browser.newContext();
  const watcher = await watcherContext.newPage();
  const asker = await askerContext.newPage();
  await signIn(watcher, MAYA.email);
  await gotoHydrated(watcher, BOARD);

  // Tom, a viewer in sales, can ask for work without being able to do it.
  await signIn(asker, TOM.email);
  await gotoHydrated(asker, BOARD);
  await asker.getByRole("link", { name: "Request form" }).click();
  await expect(asker).toHaveURL(/\/intake\/content-production$/);
  await asker.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
  const title = `Case study for Acme ${unique()}`;
  await asker.getByLabel("What do you need?").fill(title);
  await asker.getByRole("button", { name: "Send the request" }).click();
  await expect(asker.getByText("Required: Topic")).toBeVisible();
  await asker.getByRole("textbox", { name: /^Topic/ }).fill("Acme's rollout");
  await asker.getByRole("textbox", { name: /^Audience/ }).fill("Operations leaders");
  await asker.getByRole("textbox", { name: /^Brief/ }).fill("How Acme cut launch time in half.");
  const reviewer = asker.getByRole("combobox", { name: /^Reviewer/ });
  await reviewer.selectOption({ label: MAYA.name });
  await asker.getByRole("button", { name: "Send the request" }).click();
  await expect(asker.getByRole("status")).toContainText(`“${title}” is on the Content production board, in Brief.`);

  await expect(watcher.getByRole("list", { name: "Brief", exact: true }).getByRole("listitem", { name: title })).toBeVisible({ timeout: 15_000 });
  await watcherContext.close();
  await askerContext.close();
});
