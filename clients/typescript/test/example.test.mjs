import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Ludus } from "ludus-client";
import { Ludus as ServerLudus } from "ludus-client/server";
import { createBackend } from "../examples/node-backend/server.mjs";
import { baseUrl, createAppWithRules } from "./helpers.mjs";

let backend;
let backendUrl;
let admin;
let app;
const webhooks = [];

before(async () => {
  ({ app, admin } = await createAppWithRules([
    ["metrics", "steps", { name: "Steps" }],
    ["achievements", "walker", { name: "Walker", trigger: { type: "metric", metric: "steps", threshold: 1000 } }],
  ]));
  const ludus = new ServerLudus({ baseUrl, clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret } });
  const tokenOptions = { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret };
  let secret;
  backend = createBackend({ ludus, tokenOptions, webhookSecret: () => secret, onWebhook: (m) => webhooks.push(m) });
  await new Promise((resolve) => backend.listen(0, "127.0.0.1", resolve));
  backendUrl = `http://127.0.0.1:${backend.address().port}`;
  const endpoint = await admin.webhooks.create({ url: `${backendUrl}/webhooks/ludus`, event_types: ["achievement.unlocked"] });
  secret = endpoint.secret;
});
after(() => new Promise((resolve) => backend.close(resolve)));

test("the example back end records events, receives verified webhooks and mints browser tokens", async () => {
  const recorded = await fetch(`${backendUrl}/steps`, { method: "POST", body: JSON.stringify({ user: "alice", steps: 1200 }) });
  assert.deepEqual(await recorded.json(), { total: 1200, unlocked: ["walker"] });

  const refused = await fetch(`${backendUrl}/steps`, { method: "POST", body: JSON.stringify({ user: "alice", steps: "x" }) });
  assert.equal(refused.status, 400);
  assert.equal((await refused.json()).field, "value");

  const deadline = Date.now() + 20_000;
  while (webhooks.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(webhooks[0]?.type, "achievement.unlocked");

  const { token } = await (await fetch(`${backendUrl}/ludus-token?user=alice`)).json();
  const browser = new Ludus({ baseUrl, token });
  const progress = await browser.users.progress("me");
  assert.equal(progress.user_id, "alice");
  await assert.rejects(browser.events.send({ metric: "steps", value: 1 }), (e) => e.status === 403);
});
