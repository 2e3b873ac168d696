import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules } from "./helpers.mjs";

describe("team leaderboards: definitions as rules, a period's ranking, a team's place", () => {
  let app;
  let admin;
  let server;
  before(async () => {
    ({ app, admin } = await createAppWithRules([
      ["metrics", "steps", { name: "Steps" }],
      ["pointsSystems", "xp", { triggers: [{ type: "metric", metric: "steps", points: 1, per: 10 }] }],
    ]));
    server = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
  });

  test("a board by points: a member's event scores for the team, in the ranking and the team's place", async () => {
    const board = await admin.teamLeaderboards.put("xp_teams", {
      name: "XP by team", rank_by: { type: "points", system: "xp" },
    });
    assert.equal(board.key, "xp_teams");
    assert.equal(board.name, "XP by team");
    assert.equal(board.description, null);
    assert.deepEqual(board.rank_by, { type: "points", system: "xp" });
    assert.equal(board.aggregate, "sum");
    assert.equal(board.period, "all_time");
    assert.equal(board.timezone, "UTC");
    assert.equal(board.week_start, "monday");
    assert.equal(board.archived_at, null);

    await server.events.send({ metric: "steps", user_id: "ann", value: 1 }); // ann exists, before she joins
    await server.teams.put("red", { name: "Red" });
    await server.teams.put("blue");
    await server.teams.join("red", "ann");
    await server.events.send({ metric: "steps", user_id: "ann", value: 100 });

    const ranking = await server.teamLeaderboards.ranking("xp_teams");
    assert.equal(ranking.leaderboard.key, "xp_teams");
    assert.deepEqual(ranking.period, { key: "all", start: null, end: null });
    assert.equal(ranking.participants, 1);
    assert.deepEqual(ranking.entries, [{ rank: 1, team_id: "red", name: "Red", score: 10, members: 1 }]);
    assert.equal(ranking.next_cursor, null);
    const anyDay = await server.teamLeaderboards.ranking("xp_teams", { period: "2026-01-15", limit: 1 });
    assert.equal(anyDay.period.key, "all", "any date of an all-time board is its one period");
    const entries = [];
    for await (const entry of server.teamLeaderboards.rankingAll("xp_teams")) {
      entries.push(entry.team_id);
    }
    assert.deepEqual(entries, ["red"]);

    const red = await server.teamLeaderboards.place("xp_teams", "red");
    assert.deepEqual(red, {
      team_id: "red", name: "Red", rank: 1, score: 10, members: 1, participants: 1,
      period: { key: "all", start: null, end: null },
    });
    await assert.rejects(server.teamLeaderboards.place("xp_teams", "blue"), (e) => e instanceof LudusError
      && e.status === 404 && e.code === "not_found" && e.problem?.team_id === "blue");
    await assert.rejects(server.teamLeaderboards.ranking("nope"),
      (e) => e instanceof LudusError && e.status === 404 && e.code === "not_found");
    await assert.rejects(server.teamLeaderboards.ranking("xp_teams", { period: "soon" }),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "period");
  });

  test("get, list, listAll, archive; leaderboard_immutable; refusals of rank_by", async () => {
    const daily = await admin.teamLeaderboards.put("steps_avg", {
      rank_by: { type: "metric", metric: "steps" }, aggregate: "average", period: "daily",
      timezone: "Europe/Oslo", week_start: "sunday", description: "Average steps",
    });
    assert.equal(daily.name, "steps_avg");
    assert.equal(daily.aggregate, "average");
    assert.equal(daily.week_start, "sunday");
    assert.deepEqual(await admin.teamLeaderboards.get("steps_avg"), daily);
    const renamed = await admin.teamLeaderboards.put("steps_avg", { ...definitionOf(daily), name: "Steps", aggregate: "sum" });
    assert.equal(renamed.name, "Steps");
    assert.equal(renamed.aggregate, "sum");
    await assert.rejects(admin.teamLeaderboards.put("steps_avg", { ...definitionOf(daily), period: "weekly" }),
      (e) => e instanceof LudusError && e.status === 409 && e.code === "leaderboard_immutable" && e.field === "rank_by");
    await assert.rejects(admin.teamLeaderboards.put("by_streak", { rank_by: { type: "streak", streak: "x" } }),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "rank_by.type");
    await assert.rejects(admin.teamLeaderboards.put("by_sleep", { rank_by: { type: "metric", metric: "sleep" } }),
      (e) => e instanceof LudusError && e.status === 400 && e.code === "unknown_rule");

    await admin.teamLeaderboards.put("old", { rank_by: { type: "metric", metric: "steps" } });
    await admin.teamLeaderboards.archive("old");
    assert.ok((await admin.teamLeaderboards.get("old")).archived_at);
    assert.ok(!(await server.teamLeaderboards.list()).items.some((b) => b.key === "old"));
    const all = [];
    for await (const b of server.teamLeaderboards.listAll({ includeArchived: true })) {
      all.push(b.key);
    }
    assert.ok(all.includes("old") && all.includes("steps_avg"));
    assert.equal((await server.teamLeaderboards.ranking("old")).participants, 0, "an archived board stays readable");
  });
});

/** The members of a stored board that a PUT takes. */
function definitionOf(board) {
  const { name, description, rank_by, aggregate, period, timezone, week_start } = board;
  return { name, description, rank_by, aggregate, period, timezone, week_start };
}
