import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LudusError, verifyWebhook } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules, webhookReceiver } from "./helpers.mjs";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant as the server writes it back: whole milliseconds, never 0 (Java drops a zero fraction). */
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000 + 500).toISOString();
/** A fixed window that started an hour ago and ends in a day. */
const running = () => ({ type: "fixed", starts_at: iso(Date.now() - HOUR), ends_at: iso(Date.now() + DAY) });
const RULES = [
  ["metrics", "lessons", { name: "Lessons" }],
  ["metrics", "quizzes", { name: "Quizzes" }],
  ["pointsSystems", "xp", { name: "XP" }],
  ["achievements", "scholar", { name: "Scholar", trigger: { type: "api" } }],
  ["achievements", "champion", { name: "Champion", trigger: { type: "api" } }],
];

/** A client with the default scopes (users:read, users:write). */
function service(app) {
  return new Ludus({
    baseUrl,
    applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
  });
}

/** What `probe` answers once it is truthy; fails after `ms` (what is polled happens after a commit). */
async function eventually(what, probe, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("team quests: the members of a team complete a quest together, each is paid", () => {
  const hooks = webhookReceiver();

  test("a team quest is a quest with team: true: metric steps, any order, automatic; its window's timezone", async () => {
    const { admin } = await createAppWithRules(RULES);
    const window = running();
    const quest = await admin.quests.put("team_week", {
      name: "Team week", team: true, steps: [{ key: "read", metric: "lessons", total: 10 }], window,
      reward: { system: "xp", points: 30 },
    });
    assert.equal(quest.team, true);
    assert.equal(quest.order, "any");
    assert.equal(quest.enrollment, "automatic");
    assert.deepEqual(quest.window, window, "a fixed window has no timezone");
    assert.deepEqual(await admin.quests.get("team_week"), quest);
    const { key, created_at, updated_at, archived_at, ...definition } = quest;
    assert.deepEqual(await admin.quests.put("team_week", definition), quest, "a team quest read back puts unchanged");

    const tokyo = await admin.quests.put("tokyo_day", {
      team: true, steps: [{ metric: "quizzes", total: 5 }], window: { type: "recurring", period: "daily", timezone: "Asia/Tokyo" },
    });
    assert.deepEqual(tokyo.window, { type: "recurring", period: "daily", week_start: "monday", timezone: "Asia/Tokyo" });
    const utc = await admin.quests.put("utc_week", {
      team: true, steps: [{ metric: "quizzes", total: 5 }], window: { type: "recurring", period: "weekly" },
    });
    assert.deepEqual(utc.window, { type: "recurring", period: "weekly", week_start: "monday", timezone: "UTC" },
      "a team quest's recurring window always has its timezone, UTC by default");

    const refused = async (body, field) => assert.rejects(admin.quests.put("bad", { team: true, window, ...body }),
      (e) => e instanceof LudusError && e.status === 400 && e.code === "invalid_request" && e.field === field);
    await refused({ steps: [{ metric: "lessons", total: 1 }, { achievement: "scholar" }] }, "steps[1].achievement");
    await refused({ steps: [{ metric: "lessons", total: 1 }], order: "ordered" }, "order");
    await refused({ steps: [{ metric: "lessons", total: 1 }], enrollment: "opt_in" }, "enrollment");
    await refused({ steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "daily", timezone: "Mars/Olympus" } },
      "window.timezone");
  });

  test("two members complete it: teams.quests, each member's prize, quest.completed with team_id, 409 not_joinable", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    const endpoint = await admin.webhooks.create({ url: `http://127.0.0.1:${hooks.port}/hook`, event_types: ["quest.completed"] });
    const window = running();
    await admin.quests.put("team_week", {
      name: "Team week", team: true,
      steps: [{ key: "read", metric: "lessons", total: 4 }, { key: "quiz", metric: "quizzes", total: 2 }],
      window, reward: { system: "xp", points: 30, achievement: "champion" },
    });
    await admin.quests.put("tokyo_day", {
      team: true, steps: [{ metric: "lessons", total: 100 }], window: { type: "recurring", period: "daily", timezone: "Asia/Tokyo" },
    });
    const ludus = service(app);
    for (const user of ["ann", "bob"]) {
      await ludus.users.put(user, { name: user });
    }
    await ludus.teams.put("owls", { name: "Owls" });
    await ludus.teams.join("owls", "ann");
    await ludus.teams.join("owls", "bob");

    const fresh = await ludus.teams.quests("owls");
    assert.equal(fresh.team_id, "owls");
    assert.deepEqual(fresh.quests.map((q) => [q.key, q.status, q.steps_done, q.steps_total]),
      [["team_week", "active", 0, 2], ["tokyo_day", "active", 0, 1]]);
    const day = fresh.quests[1];
    assert.match(day.window_start, /T15:00:00(\.000)?Z$/, "a day in Tokyo starts at 15:00 UTC");
    assert.equal(Date.parse(day.window_end) - Date.parse(day.window_start), DAY);
    assert.equal(day.reward, null);

    const answers = [
      await ludus.events.send({ metric: "lessons", user_id: "ann", value: 3 }),
      await ludus.events.send({ metric: "quizzes", user_id: "ann", value: 1 }),
      await ludus.events.send({ metric: "lessons", user_id: "bob", value: 1 }),
    ];
    const midway = (await ludus.teams.quests("owls")).quests.find((q) => q.key === "team_week");
    assert.equal(midway.status, "active");
    assert.equal(midway.steps_done, 1);
    assert.deepEqual(midway.steps, [
      { key: "read", metric: "lessons", progress: 4, total: 4, completed: true },
      { key: "quiz", metric: "quizzes", progress: 1, total: 2, completed: false },
    ]);
    answers.push(await ludus.events.send({ metric: "quizzes", user_id: "bob", value: 1 }));
    for (const answer of answers) {
      assert.deepEqual(answer.quests.filter((c) => c.key === "team_week"), [], "a team quest is not in its members' answers");
    }

    const completed = await eventually("the team's completion", async () => {
      const quest = (await ludus.teams.quests("owls")).quests.find((q) => q.key === "team_week");
      return quest.status === "completed" ? quest : undefined;
    });
    assert.equal(completed.steps_done, 2);
    assert.ok(completed.completed_at);
    assert.equal(completed.window_start, window.starts_at);
    assert.equal(completed.window_end, window.ends_at);
    assert.deepEqual(completed.reward, { points_system: "xp", points: 30, achievement: "champion" });

    for (const member of ["ann", "bob"]) {
      const prize = await eventually(`${member}'s prize`, async () =>
        (await ludus.users.pointsHistory(member, "xp")).items.find((e) => e.source === "quest"));
      assert.equal(prize.reference, "team_week");
      assert.equal(prize.amount, 30);
      assert.equal(prize.balance, 30);
      const standing = await ludus.users.quests(member);
      assert.deepEqual(standing.quests.map((q) => q.key), [], "team quests are not in a user's standing");
      assert.deepEqual(standing.history.map((h) => [h.quest, h.status, h.completed_at]),
        [["team_week", "completed", completed.completed_at]]);
      const unlocked = (await ludus.users.progress(member)).achievements.filter((a) => a.unlocked).map((a) => a.key);
      assert.ok(unlocked.includes("champion"), `${member} won the prize's achievement`);
    }
    await ludus.events.send({ metric: "quizzes", user_id: "ann", value: 1 });
    assert.equal((await ludus.users.pointsHistory("ann", "xp")).items.length, 1, "a team completes a window once");

    await eventually("two quest.completed messages", () => hooks.received.length >= 2);
    const messages = [];
    for (const delivery of hooks.received) {
      messages.push(await verifyWebhook(endpoint.secret, delivery.headers, delivery.body));
    }
    assert.deepEqual(messages.map((m) => [m.type, m.data.user_id, m.data.quest.key, m.data.quest.team_id]).sort(),
      [["quest.completed", "ann", "team_week", "owls"], ["quest.completed", "bob", "team_week", "owls"]]);
    assert.deepEqual(messages[0].data.quest.reward, completed.reward);
    assert.equal(messages[0].data.quest.completed_at, completed.completed_at);

    await assert.rejects(ludus.users.joinQuest("cy", "team_week"),
      (e) => e instanceof LudusError && e.status === 409 && e.code === "not_joinable");
    await assert.rejects(ludus.users.get("cy"), (e) => e.status === 404, "a refused join creates no user");
    await assert.rejects(ludus.teams.quests("nobody"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
  });
});
