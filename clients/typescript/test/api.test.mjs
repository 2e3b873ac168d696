import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { LudusError } from "ludus-client";
import { Ludus } from "ludus-client/server";
import { baseUrl, createAppWithRules, recordingFetch } from "./helpers.mjs";

describe("the application API, typed", () => {
  let app;
  let admin;
  before(async () => {
    ({ app, admin } = await createAppWithRules([
      ["metrics", "steps", { name: "Steps" }],
      ["pointsSystems", "xp", { name: "XP", triggers: [{ type: "metric", metric: "steps", points: 1 }] }],
      ["achievements", "walker", {
        name: "Walker", trigger: { type: "metric", metric: "steps", threshold: 100 }, reward: { system: "xp", points: 50 },
      }],
      ["streaks", "daily", { name: "Daily", conditions: [{ metric: "steps" }] }],
      ["leaderboards", "top_xp", { name: "Top XP", rank_by: { type: "points", system: "xp" } }],
    ]));
  });

  function server(fetch) {
    return new Ludus({
      baseUrl, fetch,
      clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret },
    });
  }

  test("rules: get, list, listAll, archive", async () => {
    assert.equal((await admin.metrics.get("steps")).name, "Steps");
    const page = await admin.pointsSystems.list({ limit: 10 });
    assert.deepEqual(page.items.map((p) => p.key), ["xp"]);
    const all = [];
    for await (const rule of admin.achievements.listAll()) {
      all.push(rule.key);
    }
    assert.deepEqual(all, ["walker"]);
    await admin.metrics.put("old", { name: "Old" });
    await admin.metrics.archive("old");
    assert.ok((await admin.metrics.get("old")).archived_at);
  });

  test("events, users, progress, points and leaderboards", async () => {
    const ludus = server();
    const first = await ludus.events.send({ metric: "steps", user_id: "alice", value: 120, user: { name: "Alice" } });
    assert.equal(first.metric.total, 120);
    assert.equal(first.idempotent_replayed, false);
    assert.deepEqual(first.achievements.map((a) => a.key), ["walker"]);

    const batch = await ludus.events.sendBatch([
      { metric: "steps", user_id: "bob", value: 30 },
      { metric: "nope", user_id: "bob" },
    ]);
    assert.deepEqual(batch.results.map((r) => r.status), [201, 400]);
    assert.equal(batch.results[1].error.error, "unknown_metric");

    assert.equal((await ludus.users.get("alice")).name, "Alice");
    await ludus.users.put("bob", { name: "Bob" });
    const progress = await ludus.users.progress("alice");
    assert.equal(progress.points.find((p) => p.system === "xp").balance, 170);

    const adjusted = await ludus.users.adjustPoints("bob", "xp", { amount: 5, reason: "bonus" });
    assert.equal(adjusted.balance, 35);
    const history = await ludus.users.pointsHistory("bob", "xp", { limit: 10 });
    assert.equal(history.items.length, 2);

    const top = await ludus.leaderboards.top("top_xp", { limit: 10 });
    assert.deepEqual(top.entries.map((e) => [e.user_id, e.score]), [["alice", 170], ["bob", 35]]);
    const rank = await ludus.leaderboards.rank("top_xp", "bob");
    assert.equal(rank.rank, 2);

    const odd = "Zoë O'Brien #1 ?&%+ 用户";
    await ludus.events.send({ metric: "steps", user_id: odd, value: 1 });
    assert.equal((await ludus.users.progress(odd)).user_id, odd);

    await ludus.users.delete("bob");
    await assert.rejects(ludus.users.get("bob"), (e) => e.status === 404);
  });

  test("typed errors: status, code, detail, field and the whole problem", async () => {
    const ludus = server();
    await assert.rejects(ludus.events.send({ metric: "steps", user_id: "carol", value: "many" }), (error) => {
      assert.ok(error instanceof LudusError);
      assert.equal(error.status, 400);
      assert.equal(error.code, "invalid_request");
      assert.equal(error.field, "value");
      assert.equal(typeof error.detail, "string");
      assert.equal(error.problem.status, 400);
      assert.match(error.requestId, /.+/);
      return true;
    });
    await assert.rejects(admin.metrics.archive("steps"), (error) => {
      assert.equal(error.code, "rule_in_use");
      assert.ok(Array.isArray(error.problem.used_by));
      return true;
    });
    await assert.rejects(ludus.metrics.put("x", { name: "X" }), (e) => e.code === "insufficient_permissions" && e.status === 403);
  });

  test("an event whose answer is lost is sent again with the same key and applied once", async () => {
    const recorder = recordingFetch();
    let broken = false;
    recorder.fault = (request) => {
      if (request.path === "/v1/events" && !broken) {
        broken = true;
        return "send-then-throw";
      }
      return undefined;
    };
    const ludus = server(recorder.fetch);
    const answer = await ludus.events.send({ metric: "steps", user_id: "dave", value: 7 });

    const sent = recorder.seen.filter((r) => r.path === "/v1/events");
    assert.equal(sent.length, 2);
    const key = sent[0].headers.get("Idempotency-Key");
    assert.match(key, /^[0-9a-f-]{36}$/);
    assert.equal(sent[1].headers.get("Idempotency-Key"), key);
    assert.equal(answer.idempotent_replayed, true);
    assert.equal(answer.metric.total, 7, "applied once");
    assert.equal((await ludus.users.progress("dave")).metrics.find((m) => m.key === "steps").total, 7);
  });

  test("429 and 503 are retried after Retry-After, within a bound", async () => {
    const recorder = recordingFetch();
    let refusals = 0;
    recorder.fault = (request) => {
      if (request.method === "GET" && request.path === "/v1/users/erin" && refusals < 2) {
        refusals++;
        return new Response(JSON.stringify({ error: "rate_limited", status: 429, detail: "slow down" }),
          { status: refusals === 1 ? 429 : 503, headers: { "Retry-After": "1", "Content-Type": "application/problem+json" } });
      }
      return undefined;
    };
    const ludus = server(recorder.fetch);
    await ludus.users.put("erin", { name: "Erin" });
    const started = Date.now();
    assert.equal((await ludus.users.get("erin")).name, "Erin");
    assert.ok(Date.now() - started >= 1900, "waited Retry-After twice");

    refusals = 0;
    const impatient = new Ludus({
      baseUrl, fetch: recorder.fetch, maxRetryDelayMs: 500,
      clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret },
    });
    await assert.rejects(impatient.users.get("erin"), (e) => e.status === 429 && e.retryAfterMs === 1000);
  });

  test("a timeout aborts the call; a caller's AbortSignal too", async () => {
    // Never answers (a timer keeps the event loop alive, as a real socket would).
    const slow = (url, init) => new Promise((resolve, reject) => {
      if (init.signal.aborted) {
        reject(init.signal.reason);
        return;
      }
      const keepAlive = setTimeout(() => {}, 10_000);
      init.signal.addEventListener("abort", () => {
        clearTimeout(keepAlive);
        reject(init.signal.reason);
      });
    });
    const ludus = new Ludus({ baseUrl, fetch: slow, timeoutMs: 100, token: "t" });
    await assert.rejects(ludus.auth.verify(), (e) => e.code === "timeout" && e.status === 0);
    const controller = new AbortController();
    const call = ludus.auth.verify({ signal: controller.signal });
    controller.abort();
    await assert.rejects(call, (e) => e.code === "aborted");
  });
});
