import { test, expect, type Browser, type BrowserContextOptions } from "@playwright/test";
import { MAYA, signedInContext, waitForHydration } from "./helpers";

// What a person sees first is the page as it stays: the server sends each page whole, with
// the signed-in person's header and the page's content in place, and a phone gets its own
// layout from the server rather than after the browser has taken over.

const PHONE: BrowserContextOptions = {
  viewport: { width: 412, height: 823 },
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
};

/** A signed-in context (optionally without JavaScript) with the given device. */
function signedIn(browser: Browser, device: BrowserContextOptions, javaScriptEnabled = true) {
  return signedInContext(browser, { ...device, javaScriptEnabled });
}

test("without JavaScript the header shows who is signed in, and a phone's calendar is its agenda", async ({ browser }) => {
  const context = await signedIn(browser, PHONE, false);
  const page = await context.newPage();
  await page.goto("/inbox");
  await expect(page.getByRole("navigation", { name: "Account" })).toContainText(MAYA.name);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto("/calendar");
  await expect(page.getByRole("list", { name: "Agenda" })).toBeVisible();
  await context.close();

  const desktop = await signedIn(browser, { viewport: { width: 1280, height: 900 } }, false);
  const wide = await desktop.newPage();
  await wide.goto("/calendar");
  await expect(wide.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(wide.getByRole("list", { name: "Agenda" })).toHaveCount(0);
  await desktop.close();
});

for (const [name, device] of [["a phone", PHONE], ["a desktop", { viewport: { width: 1280, height: 900 } }]] as const) {
  test(`on ${name} the board and the inbox do not move once they have loaded`, async ({ browser }) => {
    const context = await signedIn(browser, device);
    await context.addInitScript(() => {
      (window as any).__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    const page = await context.newPage();
    for (const path of ["/board/content-production", "/inbox"]) {
      await page.goto(path);
      await waitForHydration(page);
      await page.waitForTimeout(1000);
      const shift = await page.evaluate(() => (window as any).__shift as number);
      // 0.1 is where layout shift starts to count as poor for a reader (Core Web Vitals).
      expect(shift, `layout shift on ${path}`).toBeLessThan(0.1);
    }
    // The phone's calendar starts on the agenda the server rendered and stays there.
    if (device === PHONE) {
      await page.goto("/calendar");
      await waitForHydration(page);
      await expect(page.getByRole("list", { name: "Agenda" })).toBeVisible();
    }
    await context.close();
  });
}
