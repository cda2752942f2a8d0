import { test, expect, type Browser, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { signedInContext, waitForHydration } from "./helpers";

// What the browser must fetch before a page responds, against the build under test: the
// test command builds the browser side optimized and precompressed, as users get it. The
// budget is scripts/bundle-budget.json's (today's size and a little room, so growth fails).
const PKG = path.join(__dirname, "..", "..", "target", "site", "pkg");
const BUDGETS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "scripts", "bundle-budget.json"), "utf8"));
const FIRST_PAGE_BUDGET = BUDGETS.budget.firstPageKb * 1024;
const optimized = fs.existsSync(PKG) && fs.readdirSync(PKG).some((f) => f.endsWith(".wasm.br"));

/** The bytes a file costs over the wire: its precompressed brotli twin, as `/pkg` serves it. */
function brotliBytes(url: string): number {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\/pkg\//, ""));
  const file = path.join(PKG, name);
  return fs.statSync(fs.existsSync(`${file}.br`) ? `${file}.br` : file).size;
}

/** Records the `/pkg` files a page fetches. */
function bundleRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/pkg/") && /\.(wasm|js|css)$/.test(u.pathname)) urls.push(r.url());
  });
  return urls;
}

/** A new browser profile, signed in without opening a page: its cache holds nothing yet. */
async function signedInPage(browser: Browser): Promise<Page> {
  return (await signedInContext(browser)).newPage();
}

test.describe("the optimized bundle", () => {
  test.skip(!optimized, "the site under test is not an optimized build (cargo leptos build --release --precompress)");

  test("each face's first page fetches no more than its budget, and is served compressed and long-cached", async ({ browser }) => {
    const all = fs
      .readdirSync(PKG)
      .filter((f) => /\.(wasm|js|css)$/.test(f))
      .reduce((sum, f) => sum + brotliBytes(`http://x/pkg/${f}`), 0);
    for (const face of ["/board/content-production", "/calendar", "/inbox"]) {
      // A new profile each time: nothing cached from the last face.
      const page = await signedInPage(browser);
      const fetched = bundleRequests(page);
      await page.goto(face);
      await waitForHydration(page);
      const bytes = [...new Set(fetched)].reduce((sum, u) => sum + brotliBytes(u), 0);
      console.log(`${face}: ${(bytes / 1024).toFixed(1)} KB brotli before it responds, of ${(all / 1024).toFixed(1)} KB in all`);
      expect(bytes, `${face} fetched ${fetched.join(", ")}`).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
      expect(bytes).toBeLessThanOrEqual(all);
      await page.context().close();
    }

    // The files are sent as their precompressed brotli twins and, their names carrying their
    // hash, may be kept for a year; a file that is not there is a 404 nobody caches.
    const page = await signedInPage(browser);
    const html = await (await page.request.get("/inbox")).text();
    const wasm = html.match(/\/pkg\/[\w.-]+\.wasm/)?.[0];
    expect(wasm, "the page names its hashed WASM file").toBeTruthy();
    for (const asset of [wasm!, html.match(/\/pkg\/[\w.-]+\.css/)![0]]) {
      const res = await page.request.get(asset, { headers: { "accept-encoding": "br, gzip" } });
      expect(res.status()).toBe(200);
      expect(res.headers()["content-encoding"], asset).toBe("br");
      expect(res.headers()["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    }
    const missing = await page.request.get("/pkg/no-such-file.wasm");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["cache-control"]).toBeUndefined();
    await page.context().close();
  });
});

test("after the first page, navigating in the app fetches no more of the bundle", async ({ browser }) => {
  const page = await signedInPage(browser);
  const fetched = bundleRequests(page);
  await page.goto("/inbox");
  await waitForHydration(page);
  const before = fetched.length;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await expect(page.getByRole("heading", { level: 1, name: "Campaigns" })).toBeVisible();
  await page.locator("a[href^='/campaigns/']").first().click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(fetched.length).toBe(before);
  await page.context().close();
});

test("without JavaScript the server-rendered faces still show their content", async ({ browser }) => {
  const signedIn = await signedInPage(browser);
  const state = await signedIn.context().storageState();
  await signedIn.context().close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const page = await context.newPage();
  await page.goto("/board/content-production");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("listitem").first()).toBeVisible();
  await page.goto("/calendar");
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await context.close();
});
