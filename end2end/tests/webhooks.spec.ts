import { test, expect } from "@playwright/test";
import { DANA, MAYA, gotoHydrated, signIn, unique, waitForHydration } from "./helpers";

// scripts/test starts a receiver that verifies signatures with the Standard Webhooks
// reference library (scripts/webhook-receiver.py).
const receiver = `http://127.0.0.1:${process.env.BATON_E2E_RECEIVER_PORT ?? "3101"}`;

test("an admin adds a webhook, sends it a test event and sees it delivered in the log", async ({ page, request }) => {
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/settings");
  await page.getByRole("link", { name: "Manage integrations" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations$/);
  await waitForHydration(page);
  const form = page.getByRole("form", { name: "New webhook" });

  // An address Baton cannot post to is refused with the reason.
  await form.getByLabel("Address").fill("ftp://files.example.com/in");
  await form.getByRole("button", { name: "Add the webhook" }).click();
  await expect(form.getByRole("alert")).toContainText("Webhooks go to http:// or https:// addresses, not ftp://.");

  const description = `CRM ${unique()}`;
  await form.getByLabel("Address").fill(`${receiver}/ok`);
  await form.getByLabel("What it is for").fill(description);
  await form.getByRole("checkbox", { name: /An item changes stage/ }).uncheck();
  await form.getByRole("button", { name: "Add the webhook" }).click();
  const secret = (await page.getByLabel("Signing secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await request.post(`${receiver}/_secrets`, { data: { secrets: [secret] } });

  const hook = page.getByRole("listitem", { name: `Webhook ${description}` });
  await expect(hook).toContainText("item.created");
  await expect(hook).not.toContainText("item.stage_changed");
  await hook.getByRole("button", { name: "Send a test event" }).click();
  await expect(hook.getByRole("status")).toContainText("A test event is on its way.");
  const log = hook.getByRole("region", { name: "Delivery log" });
  const row = log.getByRole("row").filter({ hasText: "baton.test" });
  await expect(async () => {
    await log.getByRole("button", { name: "Refresh" }).click();
    await expect(row).toContainText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("#1 204");

  // The receiver checked the signature with the reference library.
  const received: { verified: boolean; body: string }[] = await (await request.get(`${receiver}/_received`)).json();
  const test = received.filter((r) => JSON.parse(r.body).type === "baton.test");
  expect(test.length).toBeGreaterThan(0);
  expect(test.every((r) => r.verified)).toBe(true);

  // Switched off, it offers no test event; switched on again, it does.
  await hook.getByRole("button", { name: "Switch off" }).click();
  await expect(hook).toContainText("Off");
  await expect(hook.getByRole("button", { name: "Send a test event" })).toHaveCount(0);
  await hook.getByRole("button", { name: "Switch on" }).click();
  await expect(hook.getByRole("button", { name: "Send a test event" })).toBeVisible();
});

test("integrations are for admins only: a manager is told whom to ask", async ({ page }) => {
  await signIn(page, DANA.email);
  await gotoHydrated(page, "/settings/integrations");
  await expect(page.getByText("Only admins manage integrations")).toBeVisible();
  await expect(page.getByRole("form", { name: "New webhook" })).toHaveCount(0);
});

test("an admin adds a chat channel for one workflow and its test message arrives as chat", async ({ page, request }) => {
  await signIn(page, MAYA.email);
  await gotoHydrated(page, "/settings/integrations");
  const form = page.getByRole("form", { name: "New webhook" });
  await form.getByRole("radio", { name: /A chat channel/ }).check();
  await form.getByLabel("Which items").selectOption({ label: "Only Social publishing" });
  const description = `#social ${unique()}`;
  await form.getByLabel("Address").fill(`${receiver}/chat`);
  await form.getByLabel("What it is for").fill(description);
  await form.getByRole("button", { name: "Add the webhook" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The chat channel" })).toBeVisible();
  await expect(page.getByLabel("Signing secret")).toHaveCount(0);

  const hook = page.getByRole("listitem", { name: `Webhook ${description}` });
  await expect(hook).toContainText("Chat channel · only Social publishing");
  await expect(hook.getByRole("button", { name: "Rotate the secret" })).toHaveCount(0);
  await hook.getByRole("button", { name: "Send a test event" }).click();
  const log = hook.getByRole("region", { name: "Delivery log" });
  const row = log.getByRole("row").filter({ hasText: "baton.test" });
  await expect(async () => {
    await log.getByRole("button", { name: "Refresh" }).click();
    await expect(row).toContainText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  const received: { path: string; body: string }[] = await (await request.get(`${receiver}/_received`)).json();
  const chat = received.filter((r) => r.path === "/chat").map((r) => JSON.parse(r.body));
  expect(chat.some((m) => m.text.startsWith("A test message from Baton") && m.blocks[0].type === "section")).toBe(true);
});
