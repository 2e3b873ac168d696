import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LudusError, verifyWebhook } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules, webhookReceiver } from "./helpers.mjs";

describe("fair play: velocity guards, earning caps and flags", () => {
  const hooks = webhookReceiver();

  test("a guard with hold flags the user, a daily cap cuts their points; the flag is shown, sent and cleared", async () => {
    const { app, admin } = await createAppWithRules([
      ["metrics", "lessons", { name: "Lessons", velocity: { max_events: 2, seconds: 60, hold: true } }],
      ["pointsSystems", "xp", {
        triggers: [{ type: "metric", metric: "lessons", points: 10 }],
        caps: [{ metric: "lessons", points: 15, period: "day" }],
      }],
    ]);
    const endpoint = await admin.webhooks.create({
      url: `http://127.0.0.1:${hooks.port}/hook`, event_types: ["user.flagged"],
    });
    assert.deepEqual(endpoint.event_types, ["user.flagged"]);
    assert.deepEqual((await admin.metrics.get("lessons")).velocity, { max_events: 2, seconds: 60, hold: true });
    const xp = await admin.pointsSystems.get("xp");
    assert.deepEqual(xp.caps, [{ metric: "lessons", points: 15, period: "day" }]);
    const { key, created_at, updated_at, archived_at, ...definition } = xp;
    assert.deepEqual((await admin.pointsSystems.put("xp", definition)).caps, xp.caps,
      "a definition read back puts unchanged");

    const ludus = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    const first = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    const second = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    const third = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });

    assert.deepEqual(first.points, [{ system: "xp", awarded: 10, balance: 10, capped: false, cap: null }]);
    assert.equal(first.flag, null);
    const { cap, ...cut } = second.points[0];
    assert.deepEqual(cut, { system: "xp", awarded: 5, balance: 15, capped: true });
    const { resets_at, ...reached } = cap;
    assert.deepEqual(reached, { metric: "lessons", period: "day", points: 15, earned: 15 });
    const arrived = new Date(second.event.received_at);
    const midnight = Date.UTC(arrived.getUTCFullYear(), arrived.getUTCMonth(), arrived.getUTCDate() + 1);
    assert.equal(Date.parse(resets_at), midnight, "the day ends at the next midnight of the application's timezone (UTC)");
    assert.equal(second.flag, null);
    const { flagged_at, ...flag } = third.flag;
    assert.deepEqual(flag, { reason: "velocity", metric: "lessons", events: 3, seconds: 60, hold: true });
    assert.ok(Date.parse(flagged_at) >= Date.parse(first.event.received_at));
    assert.deepEqual(third.points, [], "a held event earns nothing");
    assert.equal(third.metric.total, 3, "its total still counts");

    assert.deepEqual((await ludus.users.get("ann")).flag, third.flag);
    assert.deepEqual((await ludus.users.list()).items.map((user) => [user.id, user.flag]), [["ann", third.flag]]);
    const deadline = Date.now() + 10_000;
    while (hooks.received.length < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const message = await verifyWebhook(endpoint.secret, hooks.received[0].headers, hooks.received[0].body);
    assert.equal(message.type, "user.flagged");
    assert.deepEqual(message.data, { user_id: "ann", flag: third.flag });

    assert.deepEqual(await ludus.users.clearFlag("ann"), { user_id: "ann", cleared: true, flag: third.flag });
    assert.equal((await ludus.users.get("ann")).flag, null);
    assert.deepEqual(await ludus.users.clearFlag("ann"), { user_id: "ann", cleared: false, flag: null },
      "a user who is not flagged: nothing changes");
    await assert.rejects(ludus.users.clearFlag("nobody"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
  });
});
