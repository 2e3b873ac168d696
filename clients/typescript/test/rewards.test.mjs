import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { adminClient, baseUrl, createAppWithRules, recordingFetch } from "./helpers.mjs";

describe("rewards: the catalog, redeeming, and the redemptions", () => {
  let app;
  let admin;
  before(async () => {
    ({ app, admin } = await createAppWithRules([
      ["pointsSystems", "coins", { name: "Coins" }],
      ["rewards", "mug", { name: "Mug", points_system: "coins", cost: 100, stock: 2 }],
      ["rewards", "pen", { points_system: "coins", cost: 20, per_user_limit: 1 }],
    ]));
  });

  function server(fetch) {
    return new Ludus({
      baseUrl, fetch,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
  }

  test("a reward is a rule: get, list, listAll, archive, 400 for an unknown points system", async () => {
    const mug = await admin.rewards.get("mug");
    assert.equal(mug.key, "mug");
    assert.equal(mug.points_system, "coins");
    assert.equal(mug.cost, 100);
    assert.equal(mug.stock, 2);
    assert.equal(mug.per_user_limit, null);
    assert.equal(mug.redeemed, 0);
    assert.equal(mug.remaining, 2);
    const pen = await admin.rewards.get("pen");
    assert.equal(pen.name, "pen");
    assert.equal(pen.remaining, null);
    assert.deepEqual((await admin.rewards.list({ limit: 10 })).items.map((r) => r.key), ["mug", "pen"]);
    await admin.rewards.put("old", { points_system: "coins", cost: 1 });
    await admin.rewards.archive("old");
    assert.ok((await admin.rewards.get("old")).archived_at);
    const all = [];
    for await (const reward of admin.rewards.listAll()) {
      all.push(reward.key);
    }
    assert.deepEqual(all, ["mug", "pen"]);
    await assert.rejects(admin.rewards.put("hat", { points_system: "gold", cost: 5 }),
      (e) => e instanceof LudusError && e.status === 400 && e.code === "unknown_rule");
  });

  test("redeem spends the cost once per key; insufficient points is a typed 409", async () => {
    const recorder = recordingFetch();
    const ludus = server(recorder.fetch);
    await ludus.users.adjustPoints("ada", "coins", { amount: 250, reason: "seed" });

    const first = await ludus.users.redeem("ada", "mug", { idempotencyKey: "redeem-ada-1" });
    const again = await ludus.users.redeem("ada", "mug", { idempotencyKey: "redeem-ada-1" });
    assert.match(first.redemption.id, /^rdm_/);
    assert.equal(first.redemption.status, "pending");
    assert.equal(first.redemption.user_id, "ada");
    assert.deepEqual(first.points, { system: "coins", amount: -100, balance: 150 });
    assert.equal(first.remaining, 1);
    assert.equal(first.idempotent_replayed, false);
    assert.equal(again.idempotent_replayed, true);
    assert.deepEqual(again.redemption, first.redemption);
    const history = await ludus.users.pointsHistory("ada", "coins");
    assert.deepEqual(history.items.map((e) => [e.source, e.amount]), [["reward", -100], ["adjustment", 250]]);
    assert.equal(history.items[0].reference, first.redemption.id);
    const keys = recorder.seen.filter((r) => r.path.endsWith("/redeem")).map((r) => r.headers.get("Idempotency-Key"));
    assert.deepEqual(keys, ["redeem-ada-1", "redeem-ada-1"]);

    await ludus.users.adjustPoints("bo", "coins", { amount: 40, reason: "seed" });
    await assert.rejects(ludus.users.redeem("bo", "mug"), (error) => {
      assert.ok(error instanceof LudusError);
      assert.equal(error.status, 409);
      assert.equal(error.code, "insufficient_points");
      return true;
    });
    await ludus.users.redeem("bo", "pen");
    await assert.rejects(ludus.users.redeem("bo", "pen"), (e) => e.code === "limit_reached");
    await assert.rejects(ludus.users.redeem("ada", "pen", { idempotencyKey: "redeem-ada-1" }),
      (e) => e.code === "idempotency_conflict");
    await ludus.users.redeem("ada", "mug");
    await assert.rejects(ludus.users.redeem("ada", "mug"), (e) => e.code === "out_of_stock");
    await assert.rejects(ludus.users.redeem("nobody", "mug"), (e) => e.status === 404 && e.code === "not_found");
  });

  test("redemptions are listed newest first, fulfilled, and cancelled with a refund", async () => {
    const { admin: own } = await createAppWithRules([
      ["pointsSystems", "coins", { name: "Coins" }],
      ["rewards", "mug", { points_system: "coins", cost: 100, stock: 10 }],
    ]);
    await own.users.adjustPoints("cy", "coins", { amount: 500, reason: "seed" });
    const one = (await own.users.redeem("cy", "mug")).redemption;
    const two = (await own.users.redeem("cy", "mug")).redemption;

    const first = await own.users.redemptions("cy", { limit: 1 });
    assert.deepEqual(first.items, [two]);
    const second = await own.users.redemptions("cy", { limit: 1, cursor: first.next_cursor });
    assert.deepEqual(second.items, [one]);
    assert.equal(second.next_cursor, null);
    assert.deepEqual((await own.rewards.redemptions("mug")).items.map((r) => r.id), [two.id, one.id]);

    const fulfilled = await own.rewards.fulfill(one.id);
    assert.equal(fulfilled.redemption.status, "fulfilled");
    assert.equal((await own.rewards.redemption(one.id)).status, "fulfilled");
    await assert.rejects(own.rewards.fulfill(one.id), (e) => e.status === 409 && e.code === "redemption_not_pending");

    const cancelled = await own.rewards.cancel(two.id, { idempotencyKey: "cancel-two" });
    const replayed = await own.rewards.cancel(two.id, { idempotencyKey: "cancel-two" });
    assert.equal(cancelled.redemption.status, "cancelled");
    assert.deepEqual(cancelled.points, { system: "coins", amount: 100, balance: 400 });
    assert.equal(cancelled.remaining, 9);
    assert.equal(replayed.idempotent_replayed, true);
    assert.equal(replayed.points.balance, 400);
    await assert.rejects(own.rewards.cancel(two.id), (e) => e.code === "redemption_not_pending");
    const refund = (await own.users.pointsHistory("cy", "coins", { limit: 1 })).items[0];
    assert.deepEqual([refund.source, refund.reference, refund.amount], ["refund", two.id, 100]);

    assert.deepEqual((await own.users.redemptions("cy", { status: "cancelled" })).items.map((r) => r.id), [two.id]);
    assert.deepEqual((await own.rewards.redemptions("mug", { status: "fulfilled" })).items.map((r) => r.id), [one.id]);
    await assert.rejects(own.users.redemptions("cy", { status: "lost" }), (e) => e.status === 400 && e.field === "status");
    await assert.rejects(own.rewards.redemption("rdm_nope"), (e) => e.status === 404);
    assert.equal((await own.rewards.get("mug")).redeemed, 1);
  });

  test("a user redeems for themselves; other users' redemptions need users:read", async () => {
    const ludus = server();
    await ludus.users.adjustPoints("alice", "coins", { amount: 30, reason: "seed" });
    const alice = ludus.asUser("alice");
    const mine = await alice.users.redeem("me", "pen");
    assert.equal(mine.redemption.user_id, "alice");
    assert.deepEqual((await alice.users.redemptions("me")).items.map((r) => r.id), [mine.redemption.id]);
    await assert.rejects(alice.rewards.redemption(mine.redemption.id), (e) => e.code === "insufficient_permissions");
    await assert.rejects(adminClient(app).asUser("alice").users.redeem("bob", "pen"),
      (e) => e.status === 403 && e.code === "insufficient_permissions");
  });
});
