// Renders report output in the system Chromium with the real libraries, offline.
//
//   node check.mjs mermaid FILE.md...  every ```mermaid block of each file, with each installed
//                                      mermaid version (11.x and 10.9); exit 1 on any parse or
//                                      render error
//   node check.mjs html FILE.html      loads the page; exit 1 on a console error, a page error or
//                                      any request that leaves the file; prints what it found
//
// Prints one JSON object on stdout. The browser is $CHROMIUM, else /usr/bin/chromium.
// No network: every request other than the page itself and data: URLs is aborted and reported.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const MERMAIDS = ["mermaid", "mermaid10"]; // package names in package.json: 11.x and 10.9.x

function browserPath() {
  for (const p of [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("no Chromium found (set CHROMIUM or install the chromium package)");
}

// The fenced blocks of a markdown file: the fence is markdown, not Mermaid grammar.
function mermaidBlocks(text) {
  const blocks = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const start = i + 1;
    const body = [];
    for (i = start; i < lines.length && lines[i].trim() !== "```"; i++) body.push(lines[i]);
    blocks.push({ line: start, text: body.join("\n") }); // line: the fence's, 1-based
  }
  return blocks;
}

async function launch() {
  return puppeteer.launch({
    executablePath: browserPath(),
    headless: true,
    timeout: 120000, // a loaded two-core machine can take long to start a browser
    protocolTimeout: 180000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
}

// Abort and record anything the page asks for beyond its own file and inline data.
async function offline(page, allowed) {
  const outside = [];
  await page.setRequestInterception(true);
  page.on("request", (req) => {
    const url = req.url();
    if (url === allowed || url.startsWith("data:") || url === "about:blank") req.continue();
    else {
      outside.push(url);
      req.abort();
    }
  });
  return outside;
}

async function checkMermaid(browser, files) {
  const results = [];
  for (const pkg of MERMAIDS) {
    let script;
    try {
      script = require.resolve(`${pkg}/dist/mermaid.min.js`);
    } catch {
      continue; // that version is not installed
    }
    const version = JSON.parse(readFileSync(path.join(path.dirname(script), "..", "package.json"), "utf8")).version;
    const page = await browser.newPage();
    const outside = await offline(page, "about:blank");
    const consoleErrors = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: readFileSync(script, "utf8") });
    await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
    for (const file of files) {
      for (const block of mermaidBlocks(readFileSync(file, "utf8"))) {
        const res = await page.evaluate(async (text) => {
          const out = { ok: false, error: null, type: null };
          try {
            await window.mermaid.parse(text);
            const id = "m" + Math.random().toString(36).slice(2);
            const { svg } = await window.mermaid.render(id, text);
            // A diagram mermaid could not draw comes back as its error picture.
            if (/aria-roledescription="error"/.test(svg) || /Syntax error in text/.test(svg)) {
              out.error = "rendered as an error diagram";
            } else {
              const role = svg.match(/aria-roledescription="([^"]*)"/);
              out.type = role ? role[1] : "unknown"; // the kind of diagram drawn
              out.ok = true;
            }
          } catch (e) {
            out.error = String((e && e.message) || e).split("\n").slice(0, 4).join(" ");
          }
          return out;
        }, block.text);
        results.push({ mermaid: version, file, line: block.line, ...res });
      }
    }
    if (outside.length) results.push({ mermaid: version, file: "-", line: 0, ok: false, error: `requests left the page: ${outside.join(" ")}` });
    for (const e of consoleErrors) results.push({ mermaid: version, file: "-", line: 0, ok: false, error: `page error: ${e}` });
    await page.close();
  }
  return { versions: [...new Set(results.map((r) => r.mermaid))], blocks: results, ok: results.every((r) => r.ok) };
}

async function checkHtml(browser, file) {
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await browser.newPage();
  const outside = await offline(page, url);
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e}`));
  await page.goto(url, { waitUntil: "load" });
  const seen = await page.evaluate(() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const heads = [...document.querySelectorAll("h2, h3")].filter(visible).map((h) => h.textContent.trim());
    const matrix = document.querySelector("table.matrix");
    const columns = matrix ? [...matrix.tHead.rows[0].cells].map((th) => th.textContent.trim()) : [];
    const svgs = document.querySelectorAll("svg").length;
    return { headings: heads, columns, svgs, title: document.title };
  });
  // Sorting: the rows' outlets after a click on the outlet column, after a second click, and a
  // column's cells after a click on each topic column.
  const sort = await page.evaluate(() => {
    const matrix = document.querySelector("table.matrix");
    if (!matrix) return null;
    const ths = matrix.tHead.rows[0].cells;
    const column = (k) => [...matrix.tBodies[0].rows].map((r) => r.cells[k].textContent.trim());
    const before = column(0);
    ths[0].click();
    const byName = column(0);
    ths[0].click();
    const reversed = column(0);
    const byTopic = [];
    for (let k = 1; k < ths.length; k++) {
      ths[k].click();
      byTopic.push(column(k));
    }
    return { before, byName, reversed, byTopic };
  });
  // Evidence: closed <details> open on click.
  const details = await page.evaluate(() => {
    const all = [...document.querySelectorAll("details")];
    const closed = all.filter((d) => !d.open).length;
    if (all.length) all[0].querySelector("summary").click();
    return { count: all.length, closed, firstOpenAfterClick: all.length ? all[0].open : null };
  });
  await page.close();
  if (outside.length) errors.push(`requests left the page: ${outside.join(" ")}`);
  return { ok: errors.length === 0, errors, ...seen, sort, details };
}

const [mode, ...files] = process.argv.slice(2);
if (!["mermaid", "html"].includes(mode) || files.length === 0) {
  console.error("usage: node check.mjs mermaid FILE.md... | node check.mjs html FILE.html");
  process.exit(2);
}
const browser = await launch();
let report;
try {
  report = mode === "mermaid" ? await checkMermaid(browser, files) : await checkHtml(browser, files[0]);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(report, null, 1) + "\n");
if (!report.ok) {
  const bad = mode === "mermaid" ? report.blocks.filter((b) => !b.ok) : report.errors;
  for (const b of bad) console.error(typeof b === "string" ? b : `${b.file}:${b.line}: mermaid ${b.mermaid}: ${b.error}`);
  if (mode === "mermaid" && report.blocks.length === 0) console.error("no mermaid block found");
}
process.exit(report.ok ? 0 : 1);
