// The board benchmark's measuring half (scripts/bench-board starts the server).
// Usage: node scripts/bench-board.mjs BASE_URL IDS_JSON
// Measures, against a board of several thousand items on loopback:
//   1. server time to render /board/content-production (full HTML response),
//   2. time in Chromium until the board is interactive (hydrated),
//   3. time until the board answers a click (a card's drawer opens), unthrottled and on a
//      slow phone: CPU throttled 4×, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip,
// (Move latency under 20 concurrent movers is measured by server/examples/move_load.rs.)
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const [base, idsFile] = process.argv.slice(2);
const ids = JSON.parse(readFileSync(idsFile, "utf8"));
const BOARD = "/board/content-production";
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function signIn(email) {
  const res = await fetch(`${base}/api/sign_in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    body: new URLSearchParams({ email, password: "northwind-demo-2026" }),
    redirect: "manual",
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("baton_session="));
  if (!cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie.split(";")[0];
}

const cookie = await signIn("maya@northwind.example");

// 1. Server render time.
const render = [];
for (let i = 0; i < 40; i++) {
  const t0 = performance.now();
  const res = await fetch(`${base}${BOARD}`, { headers: { cookie } });
  const html = await res.text();
  const t = performance.now() - t0;
  if (res.status !== 200 || !html.includes('data-board-ready="true"')) throw new Error(`board render failed: ${res.status}`);
  if (i >= 5) render.push(t);
}

// 2. Interactive in Chromium.
const browser = await chromium.launch({
  executablePath: process.env.BATON_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const interactive = [];
for (let i = 0; i < 6; i++) {
  const context = await browser.newContext();
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}${BOARD}`);
  await page.waitForSelector("[data-hydrated]");
  const t = await page.evaluate(() => performance.now());
  if (i >= 1) interactive.push(t);
  await context.close();
}

// 3. Until the board answers a click: navigation start → hydrated → a card clicked → its
// drawer open. A new profile each time, so nothing comes from the cache.
async function untilClickAnswered(slowPhone) {
  const context = await browser.newContext();
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  if (slowPhone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6e6 / 8) | 0,
      uploadThroughput: (750e3 / 8) | 0,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const t0 = Date.now();
  await page.goto(`${base}${BOARD}`, { waitUntil: "commit", timeout: 120_000 });
  await page.waitForSelector("[data-hydrated]", { timeout: 120_000 });
  await page.locator("[data-board-ready] li").first().getByRole("link").first().click();
  await page.getByRole("dialog").waitFor({ timeout: 120_000 });
  const t = Date.now() - t0;
  await context.close();
  return t;
}
const answered = { fast: [], slow: [] };
for (let i = 0; i < 4; i++) answered.fast.push(await untilClickAnswered(false));
for (let i = 0; i < 3; i++) answered.slow.push(await untilClickAnswered(true));
await browser.close();

const total = Object.values(ids).reduce((n, xs) => n + xs.length, 0);
console.log(`Board: content-production with ${total} seeded items (plus the demo's)`);
console.log(`Server render of ${BOARD}: p50 ${ms(pct(render, 50))}, p95 ${ms(pct(render, 95))} (${render.length} requests)`);
console.log(`Interactive in Chromium (navigation start → hydrated): p50 ${ms(pct(interactive, 50))}, max ${ms(Math.max(...interactive))} (${interactive.length} loads)`);
for (const [what, xs] of [["unthrottled", answered.fast], ["slow phone (4× CPU, 1.6 Mbit/s, 150 ms)", answered.slow]]) {
  console.log(`Until a click is answered (navigation start → a card's drawer open), ${what}: p50 ${ms(pct(xs, 50))}, max ${ms(Math.max(...xs))} (${xs.length} loads)`);
}
