import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { adminClient, createApp } from "./helpers.mjs";

/** Asserts that the promise is refused as a LudusError of that status (and field, when given). */
async function refused(promise, status, field) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof LudusError, String(error));
    assert.equal(error.status, status);
    if (field !== undefined) {
      assert.equal(error.field, field);
    }
    return true;
  });
}

/** The UTC day of `ms` as the key of a daily season and its start and end. */
function utcDay(ms) {
  const start = new Date(ms);
  start.setUTCHours(0, 0, 0, 0);
  return { key: start.toISOString().slice(0, 10), start: start.getTime(), end: start.getTime() + 86_400_000 };
}

// Seasons and expiry notices: a points system's `season` and `expiry.notice_days` are defined and read back;
// the seasons, a season's standings and a user's seasons are read. Seasons end on the server's clock, which
// is not waited for here: the current season is set, none has ended yet.
describe("seasons and expiry notices", () => {
  let admin;
  before(async () => {
    admin = adminClient(await createApp());
    await admin.metrics.put("lessons", { name: "Lessons" });
  });

  test("a daily season: its definition, the current season, none ended, no user's seasons, 404 and 400", async () => {
    const xp = await admin.pointsSystems.put("xp", {
      name: "XP", triggers: [{ type: "metric", metric: "lessons", points: 10 }],
      season: { period: "daily", timezone: "UTC" },
    });
    assert.deepEqual(xp.season, { period: "daily", timezone: "UTC", week_start: "monday" });
    assert.deepEqual((await admin.pointsSystems.get("xp")).season, xp.season);

    const before = Date.now();
    await admin.events.send({ metric: "lessons", user_id: "ana", value: 2 });
    const seasons = await admin.pointsSystems.seasons("xp");
    const after = Date.now();
    assert.equal(seasons.points_system, "xp");
    assert.deepEqual(seasons.seasons, []);
    const day = utcDay(Date.parse(seasons.current.start));
    assert.equal(seasons.current.key, day.key);
    assert.equal(Date.parse(seasons.current.end), day.end);
    assert.ok([utcDay(before).key, utcDay(after).key].includes(day.key), seasons.current.key);

    const balance = (await admin.users.progress("ana")).points.find((p) => p.system === "xp");
    assert.equal(balance.balance, 20);
    assert.deepEqual(balance.season, seasons.current);
    assert.equal(balance.next_expiry, null);

    const mine = await admin.users.seasons("ana", "xp", { limit: 10 });
    assert.deepEqual(mine, { items: [], next_cursor: null });
    const all = [];
    for await (const season of admin.users.seasonsAll("ana", "xp")) {
      all.push(season);
    }
    assert.deepEqual(all, []);
    assert.deepEqual((await admin.asUser("ana").users.seasons("me", "xp")).items, []);

    await refused(admin.pointsSystems.standings("xp", "2001-01"), 404);
    await refused(admin.pointsSystems.standings("xp", "last"), 400, "season");
    await refused(admin.pointsSystems.seasons("nope"), 404);
    await refused(admin.users.seasons("nobody", "xp"), 404);

    const plain = await admin.pointsSystems.put("coins", { name: "Coins" });
    assert.equal(plain.season, null);
    assert.deepEqual(await admin.pointsSystems.seasons("coins"),
      { points_system: "coins", current: null, seasons: [] });
    await refused(admin.pointsSystems.put("xp", { season: { period: "hourly" } }), 400, "season.period");
    const quarterly = await admin.pointsSystems.put("xp", { season: { period: "quarterly", timezone: "Europe/Oslo" } });
    assert.deepEqual(quarterly.season, { period: "quarterly", timezone: "Europe/Oslo", week_start: "monday" });
    assert.match((await admin.pointsSystems.seasons("xp")).current.key, /^\d{4}-Q[1-4]$/);
  });

  test("a season without a timezone reads back UTC", async () => {
    const own = adminClient(await createApp());
    const xp = await own.pointsSystems.put("xp", { name: "XP", season: { period: "weekly" } });
    assert.deepEqual(xp.season, { period: "weekly", timezone: "UTC", week_start: "monday" });
    assert.deepEqual((await own.pointsSystems.get("xp")).season, xp.season);
  });

  test("expiry notice_days reads back (null when unset); more than after_days is refused naming it", async () => {
    const coins = await admin.pointsSystems.put("gems", { name: "Gems", expiry: { after_days: 30, notice_days: 7 } });
    assert.deepEqual(coins.expiry, { after_days: 30, notice_days: 7 });
    assert.deepEqual((await admin.pointsSystems.get("gems")).expiry, { after_days: 30, notice_days: 7 });
    assert.deepEqual((await admin.pointsSystems.put("gems", { expiry: { after_days: 30 } })).expiry,
      { after_days: 30, notice_days: null });

    await admin.pointsSystems.put("gems", { expiry: { after_days: 30, notice_days: 7 },
      triggers: [{ type: "metric", metric: "lessons", points: 5 }] });
    await admin.events.send({ metric: "lessons", user_id: "bo", value: 1 });
    const balance = (await admin.users.progress("bo")).points.find((p) => p.system === "gems");
    assert.equal(balance.next_expiry.points, 5);
    const expiresAt = balance.next_expiry.expires_at;
    assert.ok(Date.parse(expiresAt) > Date.now() + 29 * 86_400_000, expiresAt);
    assert.equal(balance.season, null);

    await refused(admin.pointsSystems.put("gems", { expiry: { after_days: 30, notice_days: 31 } }), 400,
      "expiry.notice_days");
  });
});
