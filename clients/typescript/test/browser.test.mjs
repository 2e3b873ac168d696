// The browser entry, bundled with esbuild, in real Chromium against the real server: the example page,
// served by the example back end from another origin than Ludus, reads its user's progress with a
// token that back end minted, because the application lists the page's origin in cors_origins; the
// same page from an origin the application does not list cannot (docs/cors.md).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { Ludus as ServerLudus } from "ludus-client/server";
import { createBackend } from "../examples/node-backend/server.mjs";
import { bundleExample } from "../scripts/bundle-example.mjs";
import { baseUrl, createAppWithRules } from "./helpers.mjs";

const chromiumPath = process.env.LUDUS_TEST_CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(chromiumPath);
if (!haveChromium && process.env.CI === "true") {
  throw new Error(`no Chromium at ${chromiumPath}: CI requires the browser test (apt-get install chromium)`);
}
const skip = haveChromium ? false : `no Chromium at ${chromiumPath} (set LUDUS_TEST_CHROMIUM_PATH)`;
const example = (path) => fileURLToPath(new URL(`../examples/${path}`, import.meta.url));

let backend;
let port;
let browser;
let metafile;

before(async () => {
  if (skip) {
    return;
  }
  metafile = await bundleExample();
  const { app } = await createAppWithRules([
    ["metrics", "steps", { name: "Steps" }],
    ["leaderboards", "walkers", { name: "Walkers", rank_by: { type: "metric", metric: "steps" } }],
  ]);
  const ludus = new ServerLudus({ baseUrl, clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret } });
  await ludus.events.send({ metric: "steps", user_id: "alice", value: 1200 });
  await ludus.events.send({ metric: "steps", user_id: "bob", value: 3000 });
  backend = createBackend({
    ludus,
    tokenOptions: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    webhookSecret: "whsec_unused",
    page: { html: example("browser/index.html"), bundle: example("browser/dist/app.js"), ludusUrl: baseUrl,
      leaderboard: "walkers" },
  });
  await new Promise((resolve) => backend.listen(0, "127.0.0.1", resolve));
  port = backend.address().port;
  // the operator lists the page's origin; localhost:<port> stays unlisted
  const patched = await fetch(`${baseUrl}/admin/v1/applications/${app.applicationId}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${process.env.LUDUS_TEST_ADMIN_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({ cors_origins: [`http://127.0.0.1:${port}`] }),
  });
  assert.equal(patched.status, 200, await patched.text());
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (backend ? backend.close(resolve) : resolve()));
});

/** Opens the example page at `origin` and answers what its status line ends up saying. */
async function statusAt(origin) {
  const page = await browser.newPage();
  const console = [];
  page.on("console", (message) => console.push(message.text()));
  try {
    await page.goto(`${origin}/?user=alice`);
    await page.waitForFunction(() => document.getElementById("status").textContent !== "loading", null,
      { timeout: 20_000 });
    return {
      status: await page.textContent("#status"),
      metrics: await page.$$eval("#metrics li", (items) => items.map((item) => item.textContent)),
      leaderboard: await page.$$eval("#leaderboard li", (items) => items.map((item) => item.textContent)),
      console,
    };
  } finally {
    await page.close();
  }
}

test("the browser bundle holds the browser entry only: no secret-handling code", { skip }, () => {
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.some((path) => path.includes("dist/index.js")), inputs.join(", "));
  assert.ok(!inputs.some((path) => /jose|noble|server\.js/.test(path)), inputs.join(", "));
  const bundle = readFileSync(example("browser/dist/app.js"), "utf8");
  assert.ok(!/secp256k1|keccak|createHmac/i.test(bundle), "no signing code in the browser bundle");
});

test("a page of a listed origin reads its user's progress and a leaderboard from Ludus in Chromium", { skip }, async () => {
  const seen = await statusAt(`http://127.0.0.1:${port}`);
  assert.deepEqual({ status: seen.status, metrics: seen.metrics, leaderboard: seen.leaderboard },
    { status: "progress of alice", metrics: ["steps: 1200"], leaderboard: ["bob: 3000", "alice: 1200"] },
    seen.console.join("\n"));
  assert.deepEqual(seen.console, []);
});

test("the same page from an origin the application does not list cannot read it", { skip }, async () => {
  const seen = await statusAt(`http://localhost:${port}`);
  assert.deepEqual({ status: seen.status, metrics: seen.metrics }, { status: "failed: network_error", metrics: [] });
  assert.ok(seen.console.some((line) => line.includes("CORS policy")), seen.console.join("\n"));
});
