import { test, expect, type Page } from "@playwright/test";
import { MAYA, TOM, gotoHydrated, signIn, unique, waitForHydration } from "./helpers";

// Sam, not Priya: the accounts tests change Priya's password.
const SAM = { email: "sam@northwind.example", name: "Sam Rivera" }; // Member

const tokenForm = (page: Page) => page.getByRole("form", { name: "New token" });
const tokenRow = (page: Page, table: string, name: string) =>
  page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: name });

/** Makes a token on the profile page and returns its secret, read from where it is shown once. */
async function makeToken(page: Page, name: string, scopes: RegExp[] = []): Promise<string> {
  await gotoHydrated(page, "/profile");
  const form = tokenForm(page);
  await form.getByLabel("Token name").fill(name);
  for (const scope of scopes) await form.getByRole("checkbox", { name: scope }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByTestId("new-token");
  await expect(secret).toBeVisible();
  return secret.inputValue();
}

test("a member makes a token, the API knows them by it, and once revoked it opens nothing", async ({ page, request }) => {
  const name = `ESP open rates ${unique()}`;
  await signIn(page, SAM.email);
  await gotoHydrated(page, "/profile");
  const form = tokenForm(page);
  const read = form.getByRole("checkbox", { name: /^read/ });
  await expect(read).toBeChecked();
  await expect(read).toBeDisabled();
  await expect(form.getByText("Every token can read what you can read.")).toBeVisible();
  await expect(form.getByLabel("Expires after")).toHaveValue("90");
  await expect(page.getByRole("link", { name: "API reference" })).toHaveAttribute("href", "/api/docs");
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");

  // A name of spaces gets past the browser but not Baton, which says what to write.
  await form.getByLabel("Token name").fill("   ");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByRole("alert")).toContainText("Give the token a name");
  await expect(form.getByLabel("Token name")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Token name").fill(name);
  await form.getByRole("checkbox", { name: /^items:write/ }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toBeVisible();
  const secret = await shown.inputValue();
  expect(secret).toMatch(/^baton_pat_/);
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy token" })).toBeVisible();
  const row = tokenRow(page, "Your tokens", name);
  await expect(row).toContainText(`…${secret.slice(-4)}`);
  await expect(row).toContainText("items:write");
  await expect(row).toContainText("never");
  await expect(row).toContainText("active");

  // Shown once: after a reload the page holds the token's name, not its secret.
  await page.reload();
  await waitForHydration(page);
  await expect(tokenRow(page, "Your tokens", name)).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // The `request` fixture carries no session cookie: only the token says who is asking.
  const asSam = { headers: { Authorization: `Bearer ${secret}` } };
  const me = await request.get("/api/v1/me", asSam);
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.email).toBe(SAM.email);
  expect(body.scopes).toContain("items:write");

  await page.reload();
  await waitForHydration(page);
  await expect(tokenRow(page, "Your tokens", name)).not.toContainText("never");

  await tokenRow(page, "Your tokens", name).getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(tokenRow(page, "Your tokens", name)).toContainText("revoked");
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);

  const refused = await request.get("/api/v1/me", asSam);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
});

test("a viewer can make only read tokens: the scopes his role can't use say why", async ({ page }) => {
  await signIn(page, TOM.email);
  await gotoHydrated(page, "/profile");
  const form = tokenForm(page);
  for (const scope of [/^items:write/, /^results:write/, /^admin/]) {
    const box = form.getByRole("checkbox", { name: scope });
    await expect(box).toBeDisabled();
    await expect(box).not.toBeChecked();
  }
  await expect(form.getByText("Viewers can look but not change anything, so their tokens can't either.").first()).toBeVisible();
  await expect(form.getByText("Only admins can give a token admin rights.")).toBeVisible();

  const name = `Weekly report ${unique()}`;
  const secret = await makeToken(page, name);
  expect(secret).toMatch(/^baton_pat_/);
  const row = tokenRow(page, "Your tokens", name);
  await expect(row).toContainText("read");
  await expect(row).not.toContainText("items:write");
});

test("an admin sees everyone's tokens and may revoke them; others are told it is for admins", async ({ page, browser }) => {
  const name = `Reporting script ${unique()}`;
  await signIn(page, SAM.email);
  await makeToken(page, name, [/^results:write/]);
  await gotoHydrated(page, "/settings/tokens");
  await expect(page.getByText("Only admins can see everyone's tokens")).toBeVisible();
  await expect(page.getByRole("table", { name: "Everyone's tokens" })).toHaveCount(0);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, MAYA.email);
  await gotoHydrated(admin, "/settings");
  await admin.getByRole("link", { name: "See everyone's tokens" }).click();
  await expect(admin).toHaveURL(/\/settings\/tokens$/);
  await waitForHydration(admin);
  const row = tokenRow(admin, "Everyone's tokens", name);
  await expect(row).toContainText(SAM.name);
  await expect(row).toContainText("results:write");
  await row.getByRole("button", { name: `Revoke ${name} (${SAM.name})` }).click();
  await expect(row).toContainText("revoked");

  await gotoHydrated(page, "/profile");
  await expect(tokenRow(page, "Your tokens", name)).toContainText("revoked");
});
