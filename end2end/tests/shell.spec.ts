import { test, expect } from "@playwright/test";
import { MAYA, signIn } from "./helpers";

// Every page needs a signed-in person now.
test.beforeEach(async ({ page }) => {
  await signIn(page, MAYA.email);
});

test("the shell hydrates: the theme switch responds and is remembered", async ({ page }) => {
  await page.goto("/board");
  const html = page.locator("html");
  const toggle = page.getByRole("button", { name: /^Theme:/ });
  await expect(toggle).toHaveAccessibleName("Theme: System");

  // Only a hydrated page reacts to the click.
  await expect(async () => {
    await toggle.click();
    await expect(page.getByRole("button", { name: "Theme: Light" })).toBeVisible({ timeout: 500 });
  }).toPass();
  await expect(html).not.toHaveClass(/dark/);
  await page.getByRole("button", { name: "Theme: Light" }).click();
  await expect(page.getByRole("button", { name: "Theme: Dark" })).toBeVisible();
  await expect(html).toHaveClass(/dark/);

  // Remembered across a reload, applied before hydration by theme.js.
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(page.getByRole("button", { name: "Theme: Dark" })).toBeVisible();
});

test("navigation reaches Board, Calendar and Inbox with their titles", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByRole("heading", { level: 1, name: "Board" })).toBeVisible();
  await expect(page).toHaveTitle("Board · Baton");
  await expect(page.getByText("Northwind Marketing")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Calendar" }).click();
  await expect(page).toHaveURL(/\/calendar$/);
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page).toHaveTitle("Calendar · Baton");
  await expect(nav.getByRole("link", { name: "Calendar" })).toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "Inbox" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(page).toHaveTitle("Inbox · Baton");

  await nav.getByRole("link", { name: "Board" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Board" })).toBeVisible();
});

test("an unknown address shows the 404 page with a way back", async ({ page }) => {
  const response = await page.goto("/campaigns/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Baton");
  await page.getByRole("link", { name: "Go to the board" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Board" })).toBeVisible();
});

test("on a phone-width screen the navigation stays usable", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/board");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Board", "Calendar", "Inbox"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
