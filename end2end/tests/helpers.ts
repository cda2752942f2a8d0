import { expect, test, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = "northwind-demo-2026";

export const MAYA = { email: "maya@northwind.example", name: "Maya Okafor" }; // Admin
export const DANA = { email: "dana@northwind.example", name: "Dana Whitfield" }; // Manager
export const PRIYA = { email: "priya@northwind.example", name: "Priya Nair" }; // Member
export const TOM = { email: "tom@northwind.example", name: "Tom Ellis" }; // Viewer

/** Opens a page and waits until the app in it has hydrated (reacts to clicks). */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  await waitForHydration(page);
  return response;
}

/** The layout marks itself once the browser has taken over the page. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.querySelector("[data-hydrated]") !== null);
}

/** Signs in through the form and waits for the page it leads to. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next = /\/board$/) {
  if (!/\/login/.test(page.url())) {
    await gotoHydrated(page, "/login");
  } else {
    await waitForHydration(page);
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(next);
}

/** A suffix that keeps names and emails of one run apart from every other. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A new browser context signed in as the demo's admin through the API, without opening a
 * page (its cache holds nothing yet), with the given device and settings. */
export async function signedInContext(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const base = test.info().project.use.baseURL!;
  const res = await context.request.post("/api/sign_in", {
    form: { email: MAYA.email, password: DEMO_PASSWORD },
    headers: { origin: base },
    maxRedirects: 0,
  });
  expect(res.status(), "sign-in").toBeLessThan(400);
  return context;
}
