import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Ludus, ecdsaAddress } from "ludus-client/server";
import { adminClient, baseUrl, createAppWithRules, recordingFetch } from "./helpers.mjs";

describe("streaks, completions, validation, around, settings and the webhook log", () => {
  let app;
  let admin;
  before(async () => {
    ({ app, admin } = await createAppWithRules([
      ["metrics", "steps", { name: "Steps" }],
      ["streaks", "daily", { name: "Daily", conditions: [{ metric: "steps" }] }],
      ["achievements", "beta", { name: "Beta", trigger: { type: "api" } }],
      ["leaderboards", "top_steps", { name: "Top steps", rank_by: { type: "metric", metric: "steps" } }],
    ]));
  });

  test("users' streaks, freezes and API completions, with idempotency keys", async () => {
    const recorder = recordingFetch();
    const ludus = new Ludus({
      baseUrl, fetch: recorder.fetch,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    await ludus.events.send({ metric: "steps", user_id: "alice", value: 10 });
    const standing = await ludus.users.streak("alice", "daily");
    assert.equal(standing.key, "daily");
    assert.equal(standing.current, 1);
    assert.deepEqual((await ludus.users.streaks("alice")).streaks.map((s) => s.key), ["daily"]);
    const history = await ludus.users.streakHistory("alice", "daily", { limit: 5 });
    assert.ok(Array.isArray(history.items));

    const grant = await ludus.users.grantFreezes("alice", "daily", { count: 2 }, { idempotencyKey: "grant-1" });
    const again = await ludus.users.grantFreezes("alice", "daily", { count: 2 }, { idempotencyKey: "grant-1" });
    assert.equal(again.idempotent_replayed, true);
    assert.equal(again.freezes, grant.freezes, "granted once");

    const completion = await ludus.users.completeAchievement("alice", "beta");
    assert.equal(completion.achievement, "beta");
    assert.equal(completion.already_unlocked, false);
    const keys = recorder.seen.filter((r) => r.method === "POST" && r.path.startsWith("/v1/users/"))
      .map((r) => r.headers.get("Idempotency-Key"));
    assert.ok(keys.every((key) => typeof key === "string" && key.length > 0));
  });

  test("validate records nothing; around answers the window; the application's settings", async () => {
    const ludus = adminClient(app);
    const validated = await ludus.events.validate({ metric: "steps", user_id: "bob", value: 5 });
    assert.ok(validated);
    await assert.rejects(ludus.users.get("bob"), (e) => e.status === 404);
    for (const [user, value] of [["u1", 3], ["u2", 2], ["u3", 1]]) {
      await ludus.events.send({ metric: "steps", user_id: user, value });
    }
    const around = await ludus.leaderboards.around("top_steps", "u2", { radius: 1 });
    assert.deepEqual(around.entries.map((e) => e.user_id), ["u1", "u2", "u3"]);
    const settings = await ludus.application.get();
    assert.equal(settings.id, app.applicationId);
    const changed = await ludus.application.update({ cors_origins: ["https://App.example:443"] });
    assert.deepEqual(changed.cors_origins, ["https://app.example"]);
    const audit = await ludus.audit.list({ action: "application.updated" });
    assert.equal(audit.items[0].action, "application.updated");
    assert.equal(audit.items[0].application_id, app.applicationId);
    const list = await ludus.leaderboards.list();
    assert.deepEqual(list.items.map((l) => l.key), ["top_steps"]);
  });

  test("usage figures: the events sent, by UTC hour and by day", async () => {
    const { admin: own } = await createAppWithRules([["metrics", "steps", { name: "Steps" }]]);
    for (const user of ["s1", "s2", "s1"]) {
      await own.events.send({ metric: "steps", user_id: user, value: 2 });
    }
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const hours = await own.stats.get({ from, to });
    assert.equal(hours.interval, "hour");
    assert.equal(hours.buckets.length, 3);
    assert.equal(hours.buckets.reduce((sum, bucket) => sum + bucket.events, 0), 3);
    const days = await own.stats.get({ from, to, interval: "day" });
    assert.equal(days.buckets.reduce((sum, bucket) => sum + bucket.events, 0), 3);
    assert.ok(days.buckets.some((bucket) => bucket.active_users === 2));
    await assert.rejects(own.stats.get({ from: to, to: from }), (e) => e.status === 400 && e.field === "to");
  });

  test("webhook endpoints: list, update, replay and notices", async () => {
    const endpoint = await admin.webhooks.create({ url: "http://127.0.0.1:9/none", event_types: ["points.changed"] });
    const listed = await admin.webhooks.list();
    assert.deepEqual(listed.items.map((e) => e.id), [endpoint.id]);
    const updated = await admin.webhooks.update(endpoint.id, { description: "changed" });
    assert.equal(updated.description, "changed");
    const since = new Date(Date.now() - 60_000).toISOString();
    const replay = await admin.webhooks.replay(endpoint.id, { since, until: new Date().toISOString() });
    assert.ok(replay);
    assert.ok(Array.isArray((await admin.webhooks.notices()).items));
    await admin.webhooks.delete(endpoint.id);
    await assert.rejects(admin.webhooks.get(endpoint.id), (e) => e.status === 404);
  });

  test("the application's secrets and ECDSA keys", async () => {
    const other = (await createAppWithRules([])).admin;
    const address = ecdsaAddress(7n);
    assert.equal((await other.application.addEcdsaKey({ address })).address, address);
    assert.deepEqual((await other.application.listEcdsaKeys()).items.map((k) => k.address), [address]);
    await other.application.removeEcdsaKey(address);
    assert.deepEqual((await other.application.listEcdsaKeys()).items, []);
    const rotated = await other.application.rotateClientSecret({ grace_seconds: 0 });
    assert.match(rotated.client_secret, /.+/);
    const secret = await other.application.rotateSecret({ grace_seconds: 60 });
    assert.ok(secret);
  });
});
