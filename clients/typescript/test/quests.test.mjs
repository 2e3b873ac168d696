import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LudusError, verifyWebhook } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { adminClient, baseUrl, createAppWithRules, webhookReceiver } from "./helpers.mjs";

const HOUR = 3_600_000;
/** An instant as the server writes it back: whole milliseconds, never 0 (Java drops a zero fraction). */
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000 + 500).toISOString();
/** A fixed window that started an hour ago and ends in a day. */
const running = () => ({ type: "fixed", starts_at: iso(Date.now() - HOUR), ends_at: iso(Date.now() + 24 * HOUR) });
/** The rules every test starts from, in a new application of its own. */
const RULES = [
  ["metrics", "lessons", { name: "Lessons" }],
  ["metrics", "quizzes", { name: "Quizzes" }],
  ["pointsSystems", "xp", { name: "XP", levels: [{ name: "Learner", threshold: 10 }] }],
  ["achievements", "scholar", { name: "Scholar", trigger: { type: "api" } }],
  ["achievements", "champion", { name: "Champion", trigger: { type: "api" } }],
];

/** A client with the default scopes (users:read, users:write) whose fetch keeps every answer's status. */
function service(app) {
  const statuses = [];
  const ludus = new Ludus({
    baseUrl,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      statuses.push(`${init.method} ${new URL(url).pathname} ${response.status}`);
      return response;
    },
    applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
  });
  return { ludus, statuses };
}

/** The changes of one quest in an answer's `quests` (or a join's `changes`), as `change:step`. */
function changesOf(changes, key) {
  return changes.filter((c) => c.key === key).map((c) => (c.step === null ? c.change : `${c.change}:${c.step}`));
}

describe("quests: definitions as rules, progress in event answers, joining, standings and history", () => {
  test("a quest is a rule: put, get, list, listAll, archive; a definition read back is a definition; 400s", async () => {
    const { admin } = await createAppWithRules(RULES);
    const window = running();
    const week = await admin.quests.put("week", {
      name: "Week of learning",
      steps: [{ key: "read", metric: "lessons", total: 3 }, { achievement: "scholar" }],
      order: "ordered", enrollment: "opt_in", window, reward: { system: "xp", points: 50 },
    });
    assert.equal(week.key, "week");
    assert.equal(week.name, "Week of learning");
    assert.equal(week.description, null);
    assert.deepEqual(week.steps, [{ key: "read", metric: "lessons", total: 3 }, { key: "step_2", achievement: "scholar" }]);
    assert.equal(week.order, "ordered");
    assert.equal(week.enrollment, "opt_in");
    assert.deepEqual(week.window, window);
    assert.deepEqual(week.reward, { system: "xp", points: 50, achievement: null });
    assert.equal(week.team, false);
    assert.equal(week.archived_at, null);
    assert.deepEqual(await admin.quests.get("week"), week);
    const { key, created_at, updated_at, archived_at, ...definition } = week;
    assert.deepEqual(await admin.quests.put("week", definition), week, "a quest read back puts unchanged");

    const daily = await admin.quests.put("daily", {
      steps: [{ metric: "quizzes", total: 1.5 }], window: { type: "recurring", period: "daily" },
    });
    assert.equal(daily.name, "daily");
    assert.deepEqual(daily.steps, [{ key: "step_1", metric: "quizzes", total: 1.5 }]);
    assert.deepEqual(daily.window, { type: "recurring", period: "daily", week_start: "monday" },
      "a user quest's window has no timezone: it follows each user's");
    assert.equal(daily.team, false);
    assert.equal(daily.order, "any");
    assert.equal(daily.enrollment, "automatic");
    assert.equal(daily.reward, null);

    await admin.quests.put("old", { steps: [{ metric: "lessons", total: 1 }], window });
    await admin.quests.archive("old");
    assert.ok((await admin.quests.get("old")).archived_at);
    assert.deepEqual((await admin.quests.list({ limit: 10 })).items.map((q) => q.key), ["daily", "week"]);
    const all = [];
    for await (const quest of admin.quests.listAll({ includeArchived: true })) {
      all.push(quest.key);
    }
    assert.deepEqual(all, ["daily", "old", "week"]);

    const refused = async (body, field, code = "invalid_request") => assert.rejects(admin.quests.put("bad", body),
      (e) => e instanceof LudusError && e.status === 400 && e.code === code && e.field === field);
    await refused({ steps: [], window }, "steps");
    await refused({ steps: [{ metric: "lessons", total: 1 }] }, "window");
    await refused({ steps: [{ metric: "lessons", total: 0 }], window }, "steps[0].total");
    await refused({ steps: [{ metric: "lessons", achievement: "scholar" }], window }, "steps[0].metric");
    await refused({ steps: [{ metric: "lessons", total: 1 }, { key: "step_1", metric: "quizzes", total: 1 }], window },
      "steps[1].key");
    await refused({ steps: [{ metric: "lessons", total: 1 }], window: { ...window, ends_at: window.starts_at } },
      "window.ends_at");
    await refused({ steps: [{ metric: "lessons", total: 1 }], window, reward: { system: "xp" } }, "reward.points");
    await refused({ steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "weekly", week_start: "someday" } },
      "window.week_start");
    await refused({ steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "daily", timezone: "UTC" } },
      "window.timezone");
    await refused({ steps: [{ metric: "sleep", total: 1 }], window }, "steps", "unknown_rule");
    await assert.rejects(admin.quests.get("bad"), (e) => e instanceof LudusError && e.status === 404);
  });

  test("events complete a quest step by step: the answers' quests, the prize paid once, the standing", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    await admin.quests.put("sprint", {
      name: "Sprint",
      steps: [{ key: "read", metric: "lessons", total: 3 }, { key: "quiz", metric: "quizzes", total: 1 }],
      window: running(), reward: { system: "xp", points: 50, achievement: "champion" },
    });
    const { ludus } = service(app);

    const first = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 2 });
    const second = await ludus.events.send({ metric: "quizzes", user_id: "ann", value: 1 });
    const third = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    const fourth = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });

    assert.deepEqual(first.quests, []);
    assert.deepEqual(changesOf(second.quests, "sprint"), ["step_completed:quiz"]);
    const [quiz] = second.quests;
    assert.equal(quiz.name, "Sprint");
    assert.equal(quiz.steps_done, 1);
    assert.equal(quiz.steps_total, 2);
    assert.equal(quiz.reward, null);
    assert.equal(quiz.completed_at, second.event.received_at);
    assert.deepEqual(changesOf(third.quests, "sprint"), ["step_completed:read", "completed"]);
    const completed = third.quests[1];
    assert.equal(completed.steps_done, 2);
    assert.deepEqual(completed.reward, { points_system: "xp", points: 50, achievement: "champion" });
    assert.equal(completed.window_start, quiz.window_start);
    assert.deepEqual(third.points, [{ system: "xp", awarded: 50, balance: 50, capped: false, cap: null }]);
    assert.deepEqual(third.levels.map((l) => l.current?.name), ["Learner"]);
    assert.deepEqual(third.achievements.map((a) => a.key), ["champion"]);
    assert.deepEqual(fourth.quests, [], "a quest completes once per window");
    assert.deepEqual(fourth.points, []);

    const standing = await ludus.users.quests("ann");
    assert.equal(standing.user_id, "ann");
    const sprint = standing.quests.find((q) => q.key === "sprint");
    assert.equal(sprint.status, "completed");
    assert.equal(sprint.enrollment, "automatic");
    assert.equal(sprint.joined, false);
    assert.equal(sprint.steps_done, 2);
    assert.equal(sprint.completed_at, completed.completed_at);
    assert.deepEqual(sprint.steps.map((s) => [s.key, s.metric, s.progress, s.total, s.completed]),
      [["read", "lessons", 3, 3, true], ["quiz", "quizzes", 1, 1, true]]);
    assert.deepEqual(sprint.reward, completed.reward);
    assert.deepEqual(standing.history.map((h) => [h.quest, h.status, h.steps_done, h.steps_total, h.completed_at]),
      [["sprint", "completed", 2, 2, completed.completed_at]]);
    const ledger = await ludus.users.pointsHistory("ann", "xp");
    assert.deepEqual(ledger.items.map((e) => [e.source, e.reference, e.amount]), [["quest", "sprint", 50]]);

    const batch = await ludus.events.sendBatch([{ metric: "quizzes", user_id: "bo", value: 1 }]);
    assert.deepEqual(changesOf(batch.results[0].body.quests, "sprint"), ["step_completed:quiz"]);
    await assert.rejects(ludus.users.quests("nobody"), (e) => e instanceof LudusError && e.status === 404);
  });

  test("joining an opt-in quest: 201 once then 200, held achievements count, idempotent, 404 and 409", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    await admin.quests.put("club", {
      steps: [{ key: "badge", achievement: "scholar" }, { key: "read", metric: "lessons", total: 2 }],
      enrollment: "opt_in", window: running(), reward: { achievement: "champion" },
    });
    await admin.quests.put("open", { steps: [{ metric: "quizzes", total: 1 }], window: running() });
    await admin.quests.put("past", {
      steps: [{ metric: "lessons", total: 1 }], enrollment: "opt_in",
      window: { type: "fixed", starts_at: iso(Date.now() - 48 * HOUR), ends_at: iso(Date.now() - 24 * HOUR) },
    });
    const { ludus, statuses } = service(app);
    await ludus.users.completeAchievement("bob", "scholar");
    const before = (await ludus.users.quests("bob")).quests;
    assert.deepEqual(before.map((q) => [q.key, q.status]), [["club", "not_joined"], ["open", "active"], ["past", "ended"]]);

    const joined = await ludus.users.joinQuest("bob", "club", { idempotencyKey: "join-bob-club" });
    const replayed = await ludus.users.joinQuest("bob", "club", { idempotencyKey: "join-bob-club" });
    const again = await ludus.users.joinQuest("bob", "club");
    assert.equal(joined.user_id, "bob");
    assert.equal(joined.quest.key, "club");
    assert.equal(joined.quest.status, "active");
    assert.equal(joined.quest.joined, true);
    assert.ok(joined.quest.joined_at);
    assert.deepEqual(changesOf(joined.changes, "club"), ["step_completed:badge"], "the achievement held counts at once");
    assert.deepEqual(joined.quest.steps.map((s) => [s.key, s.achievement, s.completed]),
      [["badge", "scholar", true], ["read", null, false]]);
    assert.deepEqual(joined.points, []);
    assert.deepEqual(joined.achievements, []);
    assert.deepEqual(joined.levels, []);
    assert.equal(joined.idempotent_replayed, false);
    assert.equal(replayed.idempotent_replayed, true);
    assert.deepEqual(replayed.quest, joined.quest);
    assert.deepEqual(again.changes, []);
    assert.equal(again.quest.joined_at, joined.quest.joined_at);
    const automatic = await ludus.users.joinQuest("bob", "open");
    assert.equal(automatic.quest.joined, false, "nobody joins an automatic quest");
    assert.deepEqual(statuses.filter((s) => s.endsWith("/join 201") || s.endsWith("/join 200")), [
      "POST /v1/users/bob/quests/club/join 201", "POST /v1/users/bob/quests/club/join 201",
      "POST /v1/users/bob/quests/club/join 200", "POST /v1/users/bob/quests/open/join 200",
    ]);

    await admin.quests.put("pin", {
      steps: [{ key: "badge", achievement: "scholar" }], enrollment: "opt_in", window: running(),
      reward: { system: "xp", points: 5 },
    });
    const prized = await ludus.users.joinQuest("bob", "pin");
    assert.deepEqual(changesOf(prized.changes, "pin"), ["step_completed:badge", "completed"],
      "a join that completes the quest pays its prize");
    assert.deepEqual(prized.changes.at(-1).reward, { points_system: "xp", points: 5, achievement: null });
    assert.deepEqual(prized.points, [{ system: "xp", awarded: 5, balance: 5, capped: false, cap: null }]);
    assert.deepEqual(prized.achievements, []);
    assert.equal(prized.quest.status, "completed");
    assert.deepEqual((await ludus.users.pointsHistory("bob", "xp")).items.map((e) => [e.source, e.reference, e.amount]),
      [["quest", "pin", 5]]);

    const done = await ludus.events.send({ metric: "lessons", user_id: "bob", value: 2 });
    assert.deepEqual(changesOf(done.quests, "club"), ["step_completed:read", "completed"]);
    assert.deepEqual(done.quests.at(-1).reward, { points_system: null, points: null, achievement: "champion" });
    assert.deepEqual(done.achievements.map((a) => a.key), ["champion"]);

    await assert.rejects(ludus.users.joinQuest("cy", "past"), (e) => e instanceof LudusError && e.status === 409
      && e.code === "quest_ended");
    await assert.rejects(ludus.users.get("cy"), (e) => e.status === 404, "a refused join creates no user");
    await assert.rejects(ludus.users.joinQuest("bob", "nope"), (e) => e.status === 404 && e.code === "not_found");
    await assert.rejects(ludus.users.joinQuest("bob", "open", { idempotencyKey: "join-bob-club" }),
      (e) => e.status === 409 && e.code === "idempotency_conflict");
    const dee = adminClient(app).asUser("dee");
    assert.equal((await dee.users.joinQuest("me", "club")).user_id, "dee");
    assert.equal((await dee.users.quests("me")).quests.find((q) => q.key === "club").joined, true);
    await assert.rejects(dee.users.joinQuest("eve", "club"),
      (e) => e.status === 403 && e.code === "insufficient_permissions");
  });

  test("completing an API achievement moves the quests whose achievement steps name it: the answer's quests", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    await admin.quests.put("honours", {
      steps: [{ key: "read", metric: "lessons", total: 1 }, { key: "badge", achievement: "scholar" }],
      window: running(), reward: { system: "xp", points: 20, achievement: "champion" },
    });
    await admin.quests.put("other", { steps: [{ key: "badge", achievement: "champion" }], window: running() });
    const { ludus } = service(app);
    const read = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    assert.deepEqual(changesOf(read.quests, "honours"), ["step_completed:read"]);

    const completion = await ludus.users.completeAchievement("ann", "scholar");
    assert.equal(completion.already_unlocked, false);
    assert.deepEqual(changesOf(completion.quests, "honours"), ["step_completed:badge", "completed"]);
    const honours = completion.quests.find((c) => c.key === "honours" && c.change === "completed");
    assert.equal(honours.steps_done, 2);
    assert.equal(honours.team_id, null);
    assert.deepEqual(honours.reward, { points_system: "xp", points: 20, achievement: "champion" });
    assert.deepEqual(changesOf(completion.quests, "other"), ["step_completed:badge", "completed"],
      "the prize's achievement completes the quest whose step names it");
    assert.deepEqual(completion.achievements.map((a) => a.key), ["scholar", "champion"]);
    assert.deepEqual(completion.points, [{ system: "xp", awarded: 20, balance: 20, capped: false, cap: null }]);
    assert.equal((await ludus.users.quests("ann")).quests.find((q) => q.key === "honours").status, "completed");

    const again = await ludus.users.completeAchievement("ann", "scholar");
    assert.equal(again.already_unlocked, true);
    assert.deepEqual(again.quests, []);
    const unrelated = await ludus.users.completeAchievement("bo", "champion");
    assert.deepEqual(changesOf(unrelated.quests, "honours"), []);
    assert.deepEqual(changesOf(unrelated.quests, "other"), ["step_completed:badge", "completed"]);
  });
});

describe("quest windows that end", () => {
  const hooks = webhookReceiver();

  test("expired in the answer and the standing, the history page by page, the quest.* webhooks", async () => {
    const { app, admin } = await createAppWithRules(RULES);
    const endpoint = await admin.webhooks.create({
      url: `http://127.0.0.1:${hooks.port}/hook`, event_types: ["quest.step_completed", "quest.completed", "quest.expired"],
    });
    const flashEnd = iso(Date.now() + 2_500);
    await admin.quests.put("flash", {
      steps: [{ metric: "lessons", total: 100 }, { metric: "quizzes", total: 1 }],
      window: { type: "fixed", starts_at: iso(Date.now() - 1_000), ends_at: flashEnd },
    });
    await admin.quests.put("daily", { steps: [{ metric: "lessons", total: 1 }], window: { type: "recurring", period: "daily" } });
    await admin.quests.put("later", {
      steps: [{ metric: "lessons", total: 1 }],
      window: { type: "fixed", starts_at: iso(Date.now() + 24 * HOUR), ends_at: iso(Date.now() + 48 * HOUR) },
    });
    const { ludus } = service(app);
    const first = await ludus.events.send({ metric: "lessons", user_id: "ann", value: 1 });
    assert.deepEqual(changesOf(first.quests, "daily"), ["step_completed:step_1", "completed"]);
    assert.deepEqual(changesOf(first.quests, "flash"), []);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(flashEnd) - Date.now() + 200));

    const late = await ludus.events.send({ metric: "quizzes", user_id: "ann", value: 1 });
    assert.deepEqual(changesOf(late.quests, "flash"), ["expired"]);
    const expired = late.quests.find((c) => c.key === "flash");
    assert.equal(expired.steps_done, 0);
    assert.equal(expired.steps_total, 2);
    assert.equal(expired.completed_at, null);
    assert.equal(expired.reward, null);
    assert.equal(expired.window_end, flashEnd);

    const standing = await ludus.users.quests("ann");
    assert.deepEqual(standing.quests.map((q) => [q.key, q.status]),
      [["daily", "completed"], ["flash", "expired"], ["later", "upcoming"]]);
    assert.equal(standing.quests[1].steps[0].progress, 1);
    assert.deepEqual(standing.history.map((h) => [h.quest, h.status]), [["flash", "expired"], ["daily", "completed"]]);

    const page = await ludus.users.questHistory("ann", { limit: 1 });
    assert.deepEqual(page.items.map((h) => [h.quest, h.status, h.steps_done, h.steps_total, h.completed_at]),
      [["flash", "expired", 0, 2, null]]);
    assert.equal(page.items[0].window_end, flashEnd);
    assert.ok(page.items[0].recorded_at);
    const next = await ludus.users.questHistory("ann", { limit: 1, cursor: page.next_cursor });
    assert.deepEqual(next.items.map((h) => h.quest), ["daily"]);
    assert.equal(next.next_cursor, null);
    const all = [];
    for await (const entry of ludus.users.questHistoryAll("ann")) {
      all.push(entry.quest);
    }
    assert.deepEqual(all, ["flash", "daily"]);
    assert.deepEqual((await ludus.users.questHistory("ann", { quest: "daily" })).items.map((h) => h.status), ["completed"]);
    assert.deepEqual((await ludus.users.questHistory("ann", { quest: "later" })).items, []);
    await assert.rejects(ludus.users.questHistory("ann", { quest: "Not A Key" }),
      (e) => e instanceof LudusError && e.status === 400 && e.code === "invalid_request");
    await assert.rejects(ludus.users.questHistory("nobody"), (e) => e instanceof LudusError && e.status === 404);

    const deadline = Date.now() + 20_000;
    while (hooks.received.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const messages = [];
    for (const delivery of hooks.received) {
      messages.push(await verifyWebhook(endpoint.secret, delivery.headers, delivery.body));
    }
    assert.deepEqual(messages.map((m) => [m.type, m.data.user_id, m.data.quest.key]), [
      ["quest.step_completed", "ann", "daily"], ["quest.completed", "ann", "daily"], ["quest.expired", "ann", "flash"],
    ]);
    assert.deepEqual(messages[2].data.quest, expired, "a webhook's quest is the answer's change");
  });
});
