import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules } from "./helpers.mjs";

/** Every chunk of a body stream, as text. */
async function text(body) {
  const chunks = [];
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function all(records) {
  const out = [];
  for await (const record of records) {
    out.push(record);
  }
  return out;
}

describe("exports: events and users streamed a line at a time, resumed, as CSV; one user's whole record", () => {
  const users = ["ann", "bob", "cy"];
  /** The events as their answers had them, in the order they were sent, and their ids. */
  const sent = [];
  const ids = [];
  let app;
  let admin;
  let ludus;

  before(async () => {
    ({ app, admin } = await createAppWithRules([
      ["metrics", "lessons", { name: "Lessons" }],
      ["pointsSystems", "xp", { triggers: [{ type: "metric", metric: "lessons", points: 10 }] }],
      ["achievements", "four", { trigger: { type: "metric", metric: "lessons", threshold: 4 } }],
    ]));
    ludus = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    for (let i = 0; i < 20; i++) {
      const answer = await ludus.events.send({
        metric: "lessons", user_id: users[i % 3], value: i % 2 === 0 ? 1 : 0.25, attributes: { n: String(i) },
      });
      sent.push(answer.event);
      ids.push(answer.event.id);
    }
  });

  test("events: every one in order as records, resumed after an id, a time span, CSV with a header", async () => {
    const events = await all(admin.exports.events());
    assert.deepEqual(events.map((event) => event.id), ids);
    assert.deepEqual(events[3], sent[3], "a line is the event as its answer had it");
    assert.equal(events[1].value, 0.25);

    assert.deepEqual((await all(admin.exports.events({ after: ids[11] }))).map((event) => event.id), ids.slice(12));
    const from = sent[5].received_at;
    const to = sent[10].received_at;
    const inSpan = sent.filter((event) => event.received_at >= from && event.received_at < to).map((event) => event.id);
    assert.deepEqual((await all(admin.exports.events({ from, to }))).map((event) => event.id), inSpan);
    const firstTwo = [];
    for await (const event of admin.exports.events()) {
      firstTwo.push(event.id);
      if (firstTwo.length === 2) {
        break;
      }
    }
    assert.deepEqual(firstTwo, ids.slice(0, 2), "stopping early cancels the rest");

    const csv = (await text(await admin.exports.eventsRaw({}, { format: "csv" }))).trimEnd().split("\n");
    assert.equal(csv.length, 21);
    assert.equal(csv[0], "id,user_id,metric,value,occurred_at,received_at,attributes");
    assert.ok(csv[2].startsWith(`${ids[1]},bob,lessons,0.25,`), csv[2]);
    assert.ok(csv[2].endsWith(`,"{""n"":""1""}"`), csv[2]);
    const ndjson = await text(await admin.exports.eventsRaw({ after: ids[18] }));
    assert.deepEqual(JSON.parse(ndjson), sent[19]);
    assert.ok(ndjson.endsWith("}\n"));

    await assert.rejects(all(admin.exports.events({ after: "evt_nope" })),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "after");
    await assert.rejects(admin.exports.eventsRaw({ to: "yesterday" }),
      (e) => e instanceof LudusError && e.status === 400 && e.field === "to");
    await assert.rejects(all(ludus.exports.users()), (e) => e instanceof LudusError && e.status === 403);
  });

  test("users: their totals, balances and achievements in id order, resumed, as CSV; one user's record", async () => {
    const exported = await all(admin.exports.users());
    assert.deepEqual(exported.map((user) => user.id), users);
    for (const user of exported) {
      const mine = sent.filter((event) => event.user_id === user.id);
      const progress = await ludus.users.progress(user.id);
      assert.equal(user.metrics.lessons, mine.reduce((total, event) => total + event.value, 0));
      assert.deepEqual(user.points, { xp: progress.points.find((p) => p.system === "xp").balance });
      assert.deepEqual(Object.keys(user.achievements), user.metrics.lessons >= 4 ? ["four"] : []);
      assert.equal(user.flagged_at, null);
      assert.equal(user.control_group, false);
    }
    assert.deepEqual((await all(admin.exports.users({ after: "ann" }))).map((user) => user.id), ["bob", "cy"]);
    const csv = (await text(await admin.exports.usersRaw({}, { format: "csv" }))).trimEnd().split("\n");
    assert.equal(csv.length, 4);
    assert.equal(csv[0], "id,name,email,timezone,locale,attributes,created_at,updated_at,last_active_at,flagged_at,"
      + "control_group,metric:lessons,points:xp,achievements");

    const record = await ludus.users.export("ann");
    assert.equal(record.user_id, "ann");
    assert.equal(record.application_id, app.applicationId);
    assert.equal(record.profile.id, "ann");
    assert.deepEqual(record.events.map((event) => event.id), sent.filter((e) => e.user_id === "ann").map((e) => e.id));
    assert.deepEqual(record.metrics.map((row) => row.metric), ["lessons"]);
    assert.ok(record.points_history.length > 0);
    await assert.rejects(ludus.users.export("nobody"), (e) => e instanceof LudusError && e.status === 404);
  });
});
