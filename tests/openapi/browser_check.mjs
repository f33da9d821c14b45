// Swagger UI in headless Chromium, against a live server:
//
//     node browser_check.mjs BASE_URL OUTPUT_DIR
//
// 1. Authorize with a pasted access token obtained from the API, run "list_notes" with
//    "Try it out", and see the 200 rendered with the user's note.
// 2. Reload the page: the authorization persists and "list_notes" still answers 200.
// 3. Log out, sign in from the dialog with a username and password (the OAuth2 password
//    flow), and run "list_notes" again.
// Screenshots of each step are saved in OUTPUT_DIR.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "./chromium.mjs";

const [baseUrl, outputDir] = process.argv.slice(2);
mkdirSync(outputDir, { recursive: true });

async function api(path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(body.token ? { Authorization: `Bearer ${body.token}` } : {}) },
    body: JSON.stringify(body.json),
  });
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

const username = `browser_${Math.random().toString(36).slice(2, 10)}`;
const password = "correct horse battery staple";
await api("/api/register/", { json: { username, password } });
const { access } = await api("/api/token/", { json: { username, password } });
await api("/api/notes/", { token: access, json: { title: "Seen in Swagger UI", body: "hello" } });

const browser = await launchChromium();

/** Expands "list_notes", runs it, and returns the status cell's text once rendered. */
async function executeListNotes(page) {
  const operation = page.locator("#operations-notes-list_notes");
  if (!(await operation.locator(".opblock-body").isVisible())) {
    await operation.locator(".opblock-summary").first().click();
  }
  const tryOut = operation.locator("button.try-out__btn");
  if ((await tryOut.textContent())?.includes("Try it out")) {
    await tryOut.click();
  }
  await operation.locator("button.execute").click();
  const status = operation.locator(".live-responses-table .response .response-col_status").first();
  await status.waitFor({ timeout: 15_000 });
  return { status: (await status.textContent())?.trim(), operation };
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

let failed = false;
const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
const offOrigin = [];
page.on("request", (request) => {
  if (!request.url().startsWith(baseUrl) && !request.url().startsWith("data:")) {
    offOrigin.push(request.url());
  }
});
try {
  // No trailing slash: the page must work from /api/docs too.
  await page.goto(`${baseUrl}/api/docs`);
  await page.locator("#operations-notes-list_notes").waitFor({ timeout: 20_000 });

  await page.locator("button.btn.authorize").first().click();
  const bearer = page.locator(".modal-ux .auth-container").filter({ hasText: "bearer_token" });
  await bearer.locator("input").fill(access);
  await bearer.locator("button.authorize").click();
  await page.locator(".modal-ux button.btn-done").first().click();

  let { status, operation } = await executeListNotes(page);
  expect(status === "200", `list_notes with a pasted token answered ${status}`);
  const body = await operation.locator(".live-responses-table").first().textContent();
  expect(body?.includes("Seen in Swagger UI"), "the 200 response body does not show the note");
  await page.screenshot({ path: join(outputDir, "swagger-ui-list-notes.png"), fullPage: true });

  await page.reload();
  await page.locator("#operations-notes-list_notes").waitFor({ timeout: 20_000 });
  ({ status } = await executeListNotes(page));
  expect(status === "200", `after a reload list_notes answered ${status}: authorization lost`);

  await page.locator("button.btn.authorize").first().click();
  await page.locator(".modal-ux .auth-container").filter({ hasText: "bearer_token" }).locator("button", { hasText: "Logout" }).click();
  const form = page.locator(".modal-ux .auth-container").filter({ hasText: "password_sign_in" });
  await form.locator("input#oauth_username").fill(username);
  await form.locator("input#oauth_password").fill(password);
  await form.locator("button.authorize").click();
  await form.locator("button", { hasText: "Logout" }).waitFor({ timeout: 15_000 });
  await page.locator(".modal-ux button.btn-done").first().click();
  ({ status } = await executeListNotes(page));
  expect(status === "200", `after signing in from the dialog list_notes answered ${status}`);
  await page.screenshot({ path: join(outputDir, "swagger-ui-password-flow.png"), fullPage: true });

  expect(offOrigin.length === 0, `requests left the server: ${offOrigin.join(", ")}`);
  console.log("browser: Swagger UI authorize, try-it-out, reload and password flow passed");
} catch (error) {
  failed = true;
  console.error(error);
  await page.screenshot({ path: join(outputDir, "swagger-ui-failure.png"), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
