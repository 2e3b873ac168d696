import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules } from "./helpers.mjs";

describe("control groups: the application's share, event answers, users and stats by group", () => {
  test("at 100 % every user is held out of the game and counted in control; at 0 the next event plays", async () => {
    const { app, admin } = await createAppWithRules([
      ["metrics", "lessons", { name: "Lessons" }],
      ["pointsSystems", "xp", { triggers: [{ type: "metric", metric: "lessons", points: 10 }] }],
    ]);
    const ludus = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    // From an hour before now to an hour after: the events are in its buckets even if an hour starts between them.
    const range = {
      from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const sum = (buckets, group) => buckets.reduce((total, bucket) => total + bucket.groups[group].events, 0);
    assert.equal((await admin.application.get()).control_group_percent, 0);

    assert.equal((await admin.application.update({ control_group_percent: 100 })).control_group_percent, 100);
    const held = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });

    assert.equal(held.control_group, true);
    assert.deepEqual([held.points, held.levels, held.achievements, held.streaks, held.quests, held.leaderboards],
      [[], [], [], [], [], []], "the control group sees no game");
    assert.equal(held.metric.total, 1, "its total still counts");
    assert.equal((await ludus.users.get("ann")).control_group, true);
    assert.deepEqual((await ludus.users.list()).items.map((user) => [user.id, user.control_group]), [["ann", true]]);
    const during = (await admin.stats.get(range)).buckets;
    assert.equal(sum(during, "control"), 1);
    assert.equal(sum(during, "game"), 0);
    assert.deepEqual(during.find((bucket) => bucket.events === 1).groups.control.points_awarded, { xp: 10 },
      "what the control group earned is counted");

    assert.equal((await admin.application.update({ control_group_percent: 0 })).control_group_percent, 0);
    const played = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });

    assert.equal(played.control_group, false);
    assert.deepEqual(played.points, [{ system: "xp", awarded: 10, balance: 20, capped: false, cap: null }]);
    assert.equal((await ludus.users.get("ann")).control_group, false);
    const after = (await admin.stats.get(range)).buckets;
    assert.deepEqual([sum(after, "game"), sum(after, "control")], [1, 1]);
    await assert.rejects(admin.application.update({ control_group_percent: 101 }),
      (e) => e.status === 400 && e.field === "control_group_percent");
  });
});
