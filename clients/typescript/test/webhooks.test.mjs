import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { Webhook } from "standardwebhooks";
import { verifyWebhook, WebhookVerificationError } from "ludus-client";
import { createAppWithRules } from "./helpers.mjs";

/** A node:http receiver that keeps every POST (headers and raw body) and answers 204. */
function receiver() {
  const received = [];
  const waiters = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  return {
    received,
    start: () => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port))),
    stop: () => new Promise((resolve) => server.close(resolve)),
    async next(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`${received.length} of ${count} webhooks arrived in ${timeoutMs} ms`);
        }
        await new Promise((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received[count - 1];
    },
  };
}

describe("webhooks", () => {
  const hooks = receiver();
  let port;
  before(async () => {
    port = await hooks.start();
  });
  after(() => hooks.stop());

  test("a webhook the real server sends verifies with verifyWebhook and with standardwebhooks", async () => {
    const { admin } = await createAppWithRules([
      ["metrics", "steps", { name: "Steps" }],
      ["pointsSystems", "xp", { name: "XP", triggers: [{ type: "metric", metric: "steps", points: 1 }] }],
    ]);
    const endpoint = await admin.webhooks.create({ url: `http://127.0.0.1:${port}/hook`, event_types: ["points.changed"] });
    assert.match(endpoint.secret, /^whsec_/);
    assert.equal((await admin.webhooks.get(endpoint.id)).url, `http://127.0.0.1:${port}/hook`);

    await admin.events.send({ metric: "steps", user_id: "alice", value: 3 });
    const delivery = await hooks.next(1);

    const payload = await verifyWebhook(endpoint.secret, delivery.headers, delivery.body);
    assert.equal(payload.type, "points.changed");
    const official = new Webhook(endpoint.secret).verify(delivery.body.toString("utf8"), delivery.headers);
    assert.deepEqual(official, payload);

    await assert.rejects(verifyWebhook(endpoint.secret, delivery.headers, delivery.body.toString("utf8") + " "),
      WebhookVerificationError);

    // During a rotation the server signs with both secrets; each verifies alone.
    const rotated = await admin.webhooks.rotateSecret(endpoint.id, { grace_seconds: 3600 });
    const ping = await admin.webhooks.ping(endpoint.id);
    assert.ok(ping);
    const pinged = await hooks.next(2);
    assert.equal(String(pinged.headers["webhook-signature"]).split(" ").length, 2);
    await verifyWebhook(endpoint.secret, pinged.headers, pinged.body);
    await verifyWebhook(rotated.secret, pinged.headers, pinged.body);
    new Webhook(rotated.secret).verify(pinged.body.toString("utf8"), pinged.headers);

    const deliveries = await admin.webhooks.deliveries(endpoint.id);
    assert.ok(deliveries.items.length >= 2);
    await admin.webhooks.delete(endpoint.id);
  });

  test("a message signed by standardwebhooks verifies with verifyWebhook", async () => {
    const secret = "whsec_" + Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
    const body = JSON.stringify({ type: "ping", data: { n: 1, text: "Zoë" } });
    const id = "msg_" + crypto.randomUUID();
    const at = new Date();
    const signature = new Webhook(secret).sign(id, at, body);
    const headers = new Headers({
      "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": "v1,bm90IHRoaXMgb25l " + signature,
    });
    assert.deepEqual(await verifyWebhook(secret, headers, body), JSON.parse(body));
    assert.deepEqual(await verifyWebhook(secret, headers, new TextEncoder().encode(body)), JSON.parse(body));
  });

  test("wrong secret, old or future timestamps, missing headers are refused", async () => {
    const secret = "whsec_" + Buffer.from("0123456789abcdef0123456789abcdef").toString("base64");
    const body = "{}";
    const now = Date.now();
    const signed = (at) => ({
      "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(at / 1000)),
      "webhook-signature": new Webhook(secret).sign("msg_1", new Date(at), body),
    });
    await verifyWebhook(secret, signed(now - 299_000), body);
    await assert.rejects(verifyWebhook(secret, signed(now - 301_000), body), /too old/);
    await assert.rejects(verifyWebhook(secret, signed(now + 301_000), body), /future/);
    await verifyWebhook(secret, signed(now - 301_000), body, { toleranceSeconds: 600 });
    const other = "whsec_" + Buffer.from("fedcba9876543210fedcba9876543210").toString("base64");
    await assert.rejects(verifyWebhook(other, signed(now), body), /no v1 signature/);
    await assert.rejects(verifyWebhook(secret, { "webhook-id": "msg_1" }, body), /missing header webhook-timestamp/);
    await assert.rejects(verifyWebhook("", signed(now), body), TypeError);
  });
});
