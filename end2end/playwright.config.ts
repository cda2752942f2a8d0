import { defineConfig } from "@playwright/test";

// scripts/test picks a free port and a fresh temporary database; these
// defaults only serve a quick local `npx playwright test` run.
const port = process.env.BATON_E2E_PORT ?? "3100";
const databaseUrl = process.env.BATON_E2E_DATABASE_URL ?? "sqlite://target/e2e/e2e.db";
const baseURL = `http://127.0.0.1:${port}`;
// A webhook receiver that verifies signatures with the Standard Webhooks reference library.
const receiverPort = process.env.BATON_E2E_RECEIVER_PORT ?? "3101";
const python = process.env.BATON_TEST_PYTHON ?? "target/test-tools/python/bin/python";
// A real SMTP server (aiosmtpd) that keeps what Baton sends as JSON files.
const smtpPort = process.env.BATON_E2E_SMTP_PORT ?? "3102";
const mailDir = process.env.BATON_E2E_MAIL_DIR ?? "target/e2e/mail";
// The list of hashed file names of the bundle under test, when it was built apart from the
// server (scripts/test pairs a release bundle with the debug server); otherwise the server
// finds the list beside itself.
const hashFile = process.env.BATON_E2E_HASH_FILE;

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.BATON_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [{
    command: "target/debug/baton serve --demo",
    cwd: "..",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: databaseUrl,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "target/site",
      LEPTOS_ENV: "PROD",
      RUST_LOG: "warn",
      // The receiver below listens on loopback.
      BATON_WEBHOOKS_ALLOW_PRIVATE: "true",
      BATON_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      BATON_MAIL_FROM: "Baton <baton@northwind.example>",
      BATON_PUBLIC_URL: baseURL,
      ...(hashFile ? { LEPTOS_HASH_FILES: "true", LEPTOS_HASH_FILE_NAME: hashFile } : {}),
    },
  }, {
    command: `${python} scripts/smtp-sink.py ${mailDir} ${smtpPort}`,
    cwd: "..",
    port: Number(smtpPort),
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  }, {
    command: `${python} scripts/webhook-receiver.py ${receiverPort}`,
    cwd: "..",
    url: `http://127.0.0.1:${receiverPort}/_received`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
  }],
});
