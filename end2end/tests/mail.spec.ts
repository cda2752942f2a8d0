import { test, expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";
import { MAYA, gotoHydrated, signIn, unique, waitForHydration } from "./helpers";

// No other test signs in as Aisha or changes her password.
const AISHA = { email: "aisha@northwind.example", name: "Aisha Karim" };

// scripts/test starts a real SMTP server (aiosmtpd, scripts/smtp-sink.py) that keeps every
// message it accepts as JSON in this folder.
const mailDir = process.env.BATON_E2E_MAIL_DIR ?? path.join(__dirname, "..", "..", "target", "e2e", "mail");

type Mail = { rcpt_to: string[]; headers: Record<string, string>; text: string; html: string };

function mailTo(address: string): Mail[] {
  if (!fs.existsSync(mailDir)) return [];
  return fs
    .readdirSync(mailDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(mailDir, f), "utf8")) as Mail)
    .filter((m) => m.rcpt_to.includes(address));
}

/** Waits for a message to `address` whose subject matches, and returns it. */
async function waitForMail(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(() => (found = mailTo(address).find((m) => subject.test(m.headers["Subject"]))), { timeout: 20_000 })
    .toBeTruthy();
  return found!;
}

function linkIn(mail: Mail, pathPrefix: string): string {
  const match = mail.text.match(new RegExp(`https?://\\S+${pathPrefix}\\S+`));
  expect(match, mail.text).not.toBeNull();
  return match![0];
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a person chooses what Baton emails them, and the choice is kept", async ({ page }) => {
  await signIn(page, AISHA.email);
  await gotoHydrated(page, "/settings");
  await page.getByRole("link", { name: "Choose notifications" }).click();
  await expect(page).toHaveURL(/\/settings\/notifications$/);
  await waitForHydration(page);
  await expect(page.getByText(`Emails go to ${AISHA.email}.`)).toBeVisible();

  const mentions = page.getByLabel("Someone mentions you");
  await expect(mentions).toHaveValue("at_once");
  await mentions.selectOption({ label: "In the daily digest" });
  await page.getByLabel("Your item is approved").selectOption({ label: "Off" });
  await page.getByRole("checkbox", { name: /Send me the daily digest/ }).check();
  await page.getByRole("button", { name: "Save choices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await gotoHydrated(page, "/settings/notifications");
  await expect(page.getByLabel("Someone mentions you")).toHaveValue("digest");
  await expect(page.getByLabel("Your item is approved")).toHaveValue("off");
  await expect(page.getByLabel("Your approval is asked")).toHaveValue("at_once");
  // Where the team's chat hears from Baton, and the calendar feed, live here too.
  await expect(page.getByRole("heading", { name: "Chat", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: /calendar/i }).first()).toBeVisible();
});

test("an invite arrives by email, and a forgotten password is reset from the emailed link", async ({ browser, page }) => {
  const name = `Rae ${unique()}`;
  const email = `rae-${unique()}@example.com`;
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/people");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Invite link for ${name}`);

  const invite = await waitForMail(email, /invites you to Baton/);
  expect(invite.headers["From"]).toContain("baton@");
  expect(invite.html).toContain("/invite/");
  const context = await browser.newContext();
  const rae = await context.newPage();
  await gotoHydrated(rae, linkIn(invite, "/invite/"));
  await rae.getByLabel("Password").fill("lanterns over the quiet river");
  await rae.getByRole("button", { name: "Create account" }).click();
  await expect(rae).toHaveURL(/\/board$/);
  await signOut(rae);

  // Forgotten: the sign-in page offers a reset, which is emailed.
  await waitForHydration(rae);
  await rae.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(rae).toHaveURL(/\/forgot$/);
  await waitForHydration(rae);
  await rae.getByLabel("Email").fill(email);
  await rae.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(rae.getByRole("status")).toContainText("If that address has an account, a reset link is on its way.");
  const reset = await waitForMail(email, /Reset your Baton password/);
  expect(reset.html).toContain("/reset/");
  const link = linkIn(reset, "/reset/");

  await gotoHydrated(rae, link);
  await expect(rae.getByText(email)).toBeVisible();
  await rae.getByLabel("New password").fill("short");
  await rae.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(rae.getByRole("alert")).toContainText("at least 12 characters");
  await rae.getByLabel("New password").fill("a brand new evening passphrase");
  await rae.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(rae).toHaveURL(/\/board$/);
  await signOut(rae);

  // The link worked once; the new password works.
  await gotoHydrated(rae, link);
  await expect(rae.getByRole("heading", { name: "This reset link can't be used" })).toBeVisible();
  await expect(rae.getByText("already been used")).toBeVisible();
  await signIn(rae, email, "a brand new evening passphrase");
  await context.close();

  // An address without an account gets the same answer, and no email.
  const stranger = `nobody-${unique()}@example.com`;
  await gotoHydrated(page, "/forgot");
  await page.getByLabel("Email").fill(stranger);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If that address has an account, a reset link is on its way.");
  expect(mailTo(stranger)).toHaveLength(0);
});

test("an admin sees how email stands and sends a test email", async ({ page }) => {
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/settings/integrations");
  const section = page.getByRole("region", { name: "Email" });
  await expect(section).toContainText("127.0.0.1");
  await expect(section).toContainText("STARTTLS if offered");
  const before = mailTo(MAYA.email).filter((m) => m.headers["Subject"] === "Baton can send you email").length;
  await section.getByRole("button", { name: "Send a test email" }).click();
  await expect(section.getByRole("status").filter({ hasText: "on its way" })).toContainText(MAYA.email);
  await expect
    .poll(() => mailTo(MAYA.email).filter((m) => m.headers["Subject"] === "Baton can send you email").length, { timeout: 20_000 })
    .toBe(before + 1);
});
