// The browser bundle's size, file by file, brotli-compressed as Baton serves it.
// Usage: node scripts/bundle-size.mjs [SITE_PKG_DIR]
// Prints every WASM, JS and CSS file with its raw and brotli size, then the total, and
// exits 1 when the total is over the budget in scripts/bundle-budget.json. What the first
// page of each face must fetch is measured in the browser by end2end/tests/bundle.spec.ts.
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
const budgets = JSON.parse(readFileSync(new URL("./bundle-budget.json", import.meta.url), "utf8"));
const budgetKb = budgets.budget.totalKb;

/** The size a browser downloads: the precompressed `.br` beside the file, or brotli at quality 11. */
function brotliSize(path) {
  if (existsSync(`${path}.br`)) return statSync(`${path}.br`).size;
  return brotliCompressSync(readFileSync(path), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
}

const files = readdirSync(dir)
  .filter((name) => /\.(wasm|js|css)$/.test(name))
  .map((name) => {
    const path = join(dir, name);
    return { name, raw: statSync(path).size, br: brotliSize(path) };
  })
  .sort((a, b) => b.br - a.br);

if (files.length === 0) {
  console.error(`no WASM, JS or CSS in ${dir}: build the site first (cargo leptos build --release --precompress)`);
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const chunks = files.filter((f) => f.name.endsWith(".wasm")).length;
console.log(`The browser bundle in ${dir}: ${files.length} files, ${chunks} of them WASM`);
console.log(`${"raw".padStart(10)} ${"brotli".padStart(10)}  file`);
for (const f of files) console.log(`${kb(f.raw)} ${kb(f.br)}  ${f.name}`);
const total = files.reduce((sum, f) => sum + f.br, 0);
const raw = files.reduce((sum, f) => sum + f.raw, 0);
console.log(`${kb(raw)} ${kb(total)}  in all (budget ${budgetKb} KB brotli; the goal is ${budgets.target.totalKb} KB)`);
if (total > budgetKb * 1024) {
  console.error(`The bundle is ${(total / 1024).toFixed(1)} KB brotli, over its budget of ${budgetKb} KB.`);
  process.exit(1);
}
