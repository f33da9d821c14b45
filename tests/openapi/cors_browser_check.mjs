// CORS in a real browser: a page from another loopback origin uses the API.
//
//     node cors_browser_check.mjs NOTES_BIN OUTPUT_DIR
//
// Two tiny static servers on their own loopback ports serve the same page: one origin is
// allowed by the API (NOTES_CORS_ORIGINS), the other is not. The API runs from NOTES_BIN on
// a third port with a fresh database. In headless Chromium:
// 1. the page on the allowed origin signs in, creates a note, lists notes, refreshes its
//    token and lists again with the new access token, reading `X-Request-Id` (an exposed
//    header) along the way;
// 2. the same page on the other origin cannot sign in: the browser withholds the answer.
// Screenshots and the server log are saved in OUTPUT_DIR.

import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { launchChromium } from "./chromium.mjs";

const [notesBin, outputDir] = process.argv.slice(2);
mkdirSync(outputDir, { recursive: true });

// The page: everything it does goes through fetch() from its own origin to the API's.
const page = (api) => `<!doctype html>
<html><head><meta charset="utf-8"><title>notes CORS client</title></head>
<body><h1>notes from another origin</h1><pre id="log"></pre>
<script>
const api = ${JSON.stringify(api)};
const log = (line) => { document.getElementById("log").textContent += line + "\\n"; };
async function call(path, { method = "GET", token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body) headers["Content-Type"] = "application/json";
  const response = await fetch(api + path, { method, headers, body: body && JSON.stringify(body) });
  log(method + " " + path + " -> " + response.status);
  return { status: response.status, requestId: response.headers.get("X-Request-Id"),
           json: response.status === 204 ? null : await response.json() };
}
window.run = async (username, password) => {
  try {
    const signIn = await call("/api/token/", { method: "POST", body: { username, password } });
    const created = await call("/api/notes/", { method: "POST", token: signIn.json.access,
      body: { title: "from the browser", body: "written across origins" } });
    const listed = await call("/api/notes/", { token: signIn.json.access });
    const refreshed = await call("/api/token/refresh/", { method: "POST", body: { refresh: signIn.json.refresh } });
    const relisted = await call("/api/notes/", { token: refreshed.json.access });
    return { ok: true, signIn: signIn.status, created: created.status, listed: listed.status,
             titles: listed.json.map((note) => note.title), refreshed: refreshed.status,
             newAccess: refreshed.json.access !== signIn.json.access, relisted: relisted.status,
             relistedCount: relisted.json.length, requestId: listed.requestId };
  } catch (error) {
    log("refused: " + error);
    return { ok: false, error: String(error) };
  }
};
</script></body></html>`;

/** A static server on a free loopback port; resolves to its origin once listening. */
function staticServer(apiBase) {
  const server = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(page(apiBase()));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` })),
  );
}

/** Starts the API allowing `origin`; resolves to its base URL once it logs that it listens. */
function startApi(origin, workdir) {
  const child = spawn(notesBin, ["serve", "--listen", "127.0.0.1:0"], {
    env: {
      ...process.env,
      NOTES_DATABASE_URL: join(workdir, "notes.sqlite3"),
      NOTES_SECRET_KEY: `cors-browser-check-${Date.now()}-0123456789abcdef`,
      NOTES_CORS_ORIGINS: origin,
      NOTES_LOG_FORMAT: "json",
      RUST_LOG: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const logFile = createWriteStream(join(outputDir, "server.log"));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening`)));
    createInterface({ input: child.stderr }).on("line", (line) => {
      logFile.write(line + "\n");
      try {
        const event = JSON.parse(line);
        if (event.message === "listening") resolve({ child, base: event.address });
      } catch {
        // Not a JSON line: keep it in the log only.
      }
    });
  });
}

async function apiCall(base, path, json) {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(json),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const workdir = mkdtempSync(join(tmpdir(), "notes-cors-"));
let apiBase = "";
const allowed = await staticServer(() => apiBase);
const foreign = await staticServer(() => apiBase);
const api = await startApi(allowed.origin, workdir);
apiBase = api.base;
console.log(`API ${apiBase}; allowed page ${allowed.origin}; foreign page ${foreign.origin}`);

const username = `cors_${Math.random().toString(36).slice(2, 10)}`;
const password = "correct horse battery staple";
await apiCall(apiBase, "/api/register/", { username, password });

const browser = await launchChromium();

let failed = false;
async function step(name, origin, check) {
  const tab = await browser.newPage();
  try {
    await tab.goto(origin + "/");
    const result = await tab.evaluate(([u, p]) => window.run(u, p), [username, password]);
    await tab.screenshot({ path: join(outputDir, `${name}.png`) });
    check(result);
    console.log(`ok: ${name}: ${JSON.stringify(result)}`);
  } catch (error) {
    failed = true;
    console.log(`FAILED: ${name}: ${error.message}`);
  } finally {
    await tab.close();
  }
}

await step("allowed-origin", allowed.origin, (r) => {
  expect(r.ok, `the page failed: ${r.error}`);
  expect(r.signIn === 200 && r.created === 201 && r.listed === 200, "sign-in, create or list failed");
  expect(r.titles.includes("from the browser"), "the list lacks the note the page created");
  expect(r.refreshed === 200 && r.newAccess, "the refresh gave no new access token");
  expect(r.relisted === 200 && r.relistedCount === 1, "listing with the refreshed token failed");
  expect(typeof r.requestId === "string" && r.requestId.length > 0, "X-Request-Id is not exposed");
});
await step("foreign-origin", foreign.origin, (r) => {
  expect(!r.ok && r.error.includes("TypeError"), "a page on a foreign origin read the API's answer");
});

await browser.close();
api.child.kill("SIGTERM");
allowed.server.close();
foreign.server.close();
rmSync(workdir, { recursive: true, force: true });
if (failed) process.exit(1);
console.log("CORS works in Chromium");
