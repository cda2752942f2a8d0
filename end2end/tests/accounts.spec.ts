import { test, expect } from "@playwright/test";
import { DANA, DEMO_PASSWORD, MAYA, PRIYA, TOM, gotoHydrated, signIn, unique, waitForHydration } from "./helpers";

test("signing in shows who you are; signing out ends the session", async ({ page }) => {
  await signIn(page, MAYA.email);
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: MAYA.name })).toBeVisible();
  await expect(account.getByText("MO", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toBeVisible();

  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page).toHaveTitle("Sign in · Baton");
  await expect(page.getByRole("navigation", { name: "Account" })).toHaveCount(0);

  await page.goto("/board");
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)board$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the sign-in page has no workspace navigation and sends signed-in people on", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Theme:/ })).toBeVisible();
  await signIn(page, DANA.email);
  await page.goto("/login");
  await expect(page).toHaveURL(/\/board$/);
});

test("a wrong password is refused in place and does not sign in", async ({ page }) => {
  await gotoHydrated(page, "/login");
  await page.getByLabel("Email").fill(PRIYA.email);
  await page.getByLabel("Password").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");
  await expect(page).toHaveURL(/\/login/);

  await page.goto("/board");
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("a signed-out visit comes back to the page asked for after signing in", async ({ page }) => {
  await page.goto("/calendar");
  await expect(page).toHaveURL(/\/login\?next=(%2F|\/)calendar$/);
  await signIn(page, PRIYA.email, DEMO_PASSWORD, /\/calendar$/);
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(PRIYA.name);
});

test("profile: a new name shows in the navigation", async ({ page }) => {
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/profile");
  await expect(page).toHaveTitle("Your profile · Baton");
  const newName = `Dana ${unique()}`;
  // Exact: the profile also has the API tokens' "Token name".
  await page.getByLabel("Name", { exact: true }).fill(newName);
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  await page.reload();
  const account = page.getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: newName })).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  // An empty name is refused with the server's reason.
  await waitForHydration(page);
  await page.getByLabel("Name", { exact: true }).fill("   ");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter your name");
});

test("profile: changing the password explains the rules and signs out other sessions", async ({ browser, page }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, PRIYA.email);

  await signIn(page, PRIYA.email);
  await gotoHydrated(page, "/profile");
  const form = page.getByRole("region", { name: "Password" });
  await expect(form).toContainText("At least 12 characters");

  await form.getByLabel("Current password").fill(DEMO_PASSWORD);
  await form.getByLabel("New password").fill("short");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("at least 12 characters");

  await form.getByLabel("Current password").fill("wrong-current-password");
  await form.getByLabel("New password").fill("a quiet harbour at dawn");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("current password is not right");

  await form.getByLabel("Current password").fill(DEMO_PASSWORD);
  await form.getByLabel("New password").fill("a quiet harbour at dawn");
  await form.getByRole("button", { name: "Change password" }).click();
  // The other browser, and any session an earlier test left behind.
  await expect(form.getByRole("status")).toContainText(/Password changed\. \d+ other sessions? (was|were) signed out\./);

  await otherPage.goto("/board");
  await expect(otherPage).toHaveURL(/\/login/);
  await signIn(otherPage, PRIYA.email, "a quiet harbour at dawn");
  await other.close();
});

test("an admin invites someone, who sets a password and lands signed in", async ({ browser, page }) => {
  const id = unique();
  const email = `noor.${id}@northwind.example`;
  const name = `Noor Haddad ${id}`;
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/people");
  await expect(page).toHaveTitle("People · Baton");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Member" });
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByRole("status")).toContainText(`Invite link for ${name}`);
  const link = await page.getByLabel("Invite link").inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invite\/\S+$/);

  // A mistyped address is refused in place.
  await page.getByLabel("Email").fill("someone@localhost");
  await page.getByLabel("Name").fill("Someone");
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter an email address");

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await gotoHydrated(invitePage, link);
  await expect(invitePage.getByRole("heading", { name: `Welcome, ${name}` })).toBeVisible();
  await expect(invitePage.getByText("Member", { exact: true })).toBeVisible();
  await expect(invitePage.getByText(email)).toBeVisible();
  await expect(invitePage.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  await expect(invitePage.getByText("At least 12 characters")).toBeVisible();

  await invitePage.getByLabel("Password").fill("short");
  await invitePage.getByRole("button", { name: "Create account" }).click();
  await expect(invitePage.getByRole("alert")).toContainText("at least 12 characters");

  await invitePage.getByLabel("Password").fill("paper lanterns over the river");
  await invitePage.getByRole("button", { name: "Create account" }).click();
  await expect(invitePage).toHaveURL(/\/board$/);
  await expect(invitePage.getByRole("navigation", { name: "Account" }).getByRole("link", { name })).toBeVisible();
  await expect(invitePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Board" })).toBeVisible();

  // The link worked once.
  await gotoHydrated(invitePage, link);
  await expect(invitePage.getByRole("alert")).toContainText("already been used");
  await expect(invitePage.getByRole("link", { name: "Go to sign in" })).toBeVisible();
  await invitee.close();

  // The new person is on the team list.
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText(name);
});

test("an unknown invite link says so and points to sign in", async ({ page }) => {
  await gotoHydrated(page, "/invite/this-is-not-a-real-token");
  await expect(page.getByRole("alert")).toContainText("not found");
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("the last admin cannot stop being one", async ({ page }) => {
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/people");
  const role = page.getByRole("combobox", { name: `Role of ${MAYA.name}` });
  await expect(role).toHaveValue("admin");
  await role.selectOption({ label: "Manager" });
  await expect(page.getByRole("alert")).toContainText("only admin");
  await expect(role).toHaveValue("admin");
});

test("an admin changes someone's role", async ({ page }) => {
  // A person of our own, so other tests' people keep their roles.
  const id = unique();
  const name = `Ravi Menon ${id}`;
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/people");
  await page.getByLabel("Email").fill(`ravi.${id}@northwind.example`);
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByLabel("Invite link").inputValue();
  // Accept in another browser so Maya stays signed in here.
  const context = await page.context().browser()!.newContext();
  const other = await context.newPage();
  await gotoHydrated(other, link);
  await other.getByLabel("Password").fill("seven green bottles standing");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other).toHaveURL(/\/board$/);
  await context.close();

  await gotoHydrated(page, "/people");
  const role = page.getByRole("combobox", { name: `Role of ${name}` });
  await expect(role).toHaveValue("member");
  await role.selectOption({ label: "Viewer" });
  await expect(role).toBeEnabled();
  await page.reload();
  await expect(page.getByRole("combobox", { name: `Role of ${name}` })).toHaveValue("viewer");
});

test("a viewer sees the team but none of the admin controls", async ({ page }) => {
  await signIn(page, TOM.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" })).toHaveCount(0);
  await gotoHydrated(page, "/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  const team = page.getByRole("region", { name: /^Team/ });
  await expect(team.getByText(MAYA.name)).toBeVisible();
  await expect(team.getByText(TOM.email)).toBeVisible();
  await expect(page.getByText("Only admins can invite people or change roles.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
});

test("account pages fit a phone-width screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await gotoHydrated(page, "/login");
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await signIn(page, MAYA.email);
  for (const path of ["/profile", "/people"]) {
    await gotoHydrated(page, path);
    await expect(page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" })).toBeVisible();
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
