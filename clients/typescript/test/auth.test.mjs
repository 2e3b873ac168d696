import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Ludus as BrowserLudus, LudusError } from "ludus-client";
import { Ludus, ecdsaAddress, mintApplicationToken } from "ludus-client/server";
import { adminClient, baseUrl, createApp, recordingFetch, testClock } from "./helpers.mjs";

const MINUTE = 60_000;

describe("client credentials (auth tokens)", () => {
  let app;
  before(async () => {
    app = await createApp();
  });

  function client(recorder, clock) {
    return new BrowserLudus({
      baseUrl, fetch: recorder.fetch, clock,
      clientCredentials: { clientId: app.clientId, clientSecret: app.clientSecret },
    });
  }

  test("authenticates with a server token", async () => {
    const who = await client(recordingFetch()).auth.verify();
    assert.equal(who.method, "auth_token");
    assert.equal(who.subject, app.clientId);
    assert.deepEqual(who.scopes, ["users:read", "users:write"]);
  });

  test("1,000 calls make one POST /v1/auth_token", async () => {
    const recorder = recordingFetch();
    const ludus = client(recorder);
    const tokenIds = new Set();
    for (let i = 0; i < 1000; i++) {
      tokenIds.add((await ludus.auth.verify()).token_id);
    }
    assert.equal(tokenIds.size, 1);
    assert.equal(recorder.count("POST", "/v1/auth_token"), 1);
    assert.equal(recorder.count("GET", "/v1/auth/verify"), 1000);
  });

  test("a refresh at 29 minutes left, none at 31 (the client's clock)", async () => {
    const recorder = recordingFetch();
    const clock = testClock();
    const ludus = client(recorder, clock);
    const first = await ludus.auth.verify();
    const expiresAt = Date.parse(first.expires_at);

    clock.set(expiresAt - 31 * MINUTE);
    await ludus.auth.verify();
    assert.equal(recorder.count("POST", "/v1/auth_token"), 1, "31 minutes left: still cached");

    clock.set(expiresAt - 29 * MINUTE);
    for (let i = 0; i < 20; i++) {
      await ludus.auth.verify();
    }
    // The server's clock finds 8 hours left and answers the same token: the client asks once and
    // uses it, without asking again on every call.
    assert.equal(recorder.count("POST", "/v1/auth_token"), 2);
  });

  test("50 concurrent calls at refresh time make one POST /v1/auth_token", async () => {
    const recorder = recordingFetch();
    const clock = testClock();
    const ludus = client(recorder, clock);
    const first = await ludus.auth.verify();
    clock.set(Date.parse(first.expires_at) - 29 * MINUTE);

    const answers = await Promise.all(Array.from({ length: 50 }, () => ludus.auth.verify()));

    assert.equal(answers.length, 50);
    assert.ok(answers.every((who) => who.subject === app.clientId));
    assert.equal(recorder.count("POST", "/v1/auth_token"), 2);
  });

  test("a revoked token is dropped, a new one fetched and the call sent once more", async () => {
    const recorder = recordingFetch();
    const ludus = client(recorder);
    const first = await ludus.auth.verify();
    const token = recorder.seen.at(-1).headers.get("Authorization").slice("Bearer ".length);
    await adminClient(app).auth.revoke({ token });

    const second = await ludus.auth.verify();

    assert.notEqual(second.token_id, first.token_id);
    assert.equal(recorder.count("POST", "/v1/auth_token"), 2);
    const verifies = recorder.seen.filter((r) => r.path === "/v1/auth/verify");
    assert.equal(verifies.length, 3, "the refused call and its retry");
  });

  test("invalidateToken ends the token at the server; the next call gets another", async () => {
    const recorder = recordingFetch();
    const ludus = client(recorder);
    const first = await ludus.auth.verify();
    await ludus.invalidateToken();
    const second = await ludus.auth.verify();
    assert.equal(recorder.count("DELETE", "/v1/auth_token"), 1);
    assert.equal(recorder.count("POST", "/v1/auth_token"), 2);
    assert.notEqual(second.token_id, first.token_id);
  });

  test("a wrong client secret is a typed 401", async () => {
    const ludus = new BrowserLudus({ baseUrl, clientCredentials: { clientId: app.clientId, clientSecret: "cs_wrong" } });
    await assert.rejects(ludus.auth.verify(), (error) => {
      assert.ok(error instanceof LudusError);
      assert.equal(error.status, 401);
      assert.equal(typeof error.code, "string");
      return true;
    });
  });
});

describe("application tokens", () => {
  test("mints HS256 tokens with the API secret; asUser acts for one user", async () => {
    const app = await createApp();
    const ludus = new Ludus({
      baseUrl,
      applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret },
    });
    const who = await ludus.auth.verify();
    assert.equal(who.method, "jwt");
    assert.equal(who.subject, "server");
    assert.deepEqual(who.scopes, ["users:read", "users:write"]);

    const alice = await ludus.asUser("alice").auth.verify();
    assert.equal(alice.subject, "alice");
    assert.deepEqual(alice.scopes, ["read", "write"]);
  });

  test("the browser entry refuses an API secret, and asUser without one", () => {
    assert.throws(() => new BrowserLudus({ baseUrl, applicationToken: { apiSecret: "sk_x" } }),
      /applicationToken needs a secret that must never reach a browser.*ludus-client\/server/);
    assert.throws(() => new BrowserLudus({ baseUrl, apiSecret: "sk_x" }), /apiSecret/);
    assert.throws(() => new BrowserLudus({ baseUrl, ecdsa: {} }), /ecdsa/);
    assert.throws(() => new BrowserLudus({ baseUrl, token: "t" }).asUser("alice"), /applicationToken/);
    assert.throws(() => new BrowserLudus({ baseUrl }), /exactly one authentication method/);
  });
});

describe("a given token", () => {
  test("a string, or a function asked again after token_revoked", async () => {
    const app = await createApp();
    const minted = [];
    let asked = 0;
    const provider = async () => {
      asked++;
      if (minted.length === 0 || asked === 3) {
        minted.push(await mintApplicationToken({
          tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret, subject: "alice", scopes: ["read"],
        }));
      }
      return minted.at(-1);
    };
    const recorder = recordingFetch();
    const browser = new BrowserLudus({ baseUrl, token: provider, fetch: recorder.fetch });
    assert.equal((await browser.auth.verify()).subject, "alice");
    await adminClient(app).auth.revoke({ token: minted[0] });
    // the provider answers the revoked token once more, then a new one when asked again
    assert.equal((await browser.auth.verify()).subject, "alice");
    assert.equal(asked, 3);
    assert.equal(recorder.count("GET", "/v1/auth/verify"), 3);

    const withString = new BrowserLudus({ baseUrl, token: minted[0] });
    await assert.rejects(withString.auth.verify(), (e) => e instanceof LudusError && e.code === "token_revoked");
  });
});

describe("legacy ECDSA signing", () => {
  test("signs as docs/migrating-from-ecdsa.md says; the server recovers the registered address", async () => {
    const app = await createApp();
    const privateKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    const address = ecdsaAddress(privateKey);
    assert.equal(ecdsaAddress(1n), "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    const added = await fetch(`${baseUrl}/admin/v1/applications/${app.applicationId}/ecdsa_keys`, {
      method: "POST", body: JSON.stringify({ address }),
      headers: { Authorization: `Bearer ${process.env.LUDUS_TEST_ADMIN_KEY}`, "Content-Type": "application/json" },
    });
    assert.equal(added.status, 201);

    const warn = console.warn;
    const warnings = [];
    console.warn = (line) => warnings.push(line);
    try {
      const legacy = new Ludus({ baseUrl, ecdsa: { applicationId: app.applicationId, privateKey } });
      const who = await legacy.auth.verify();
      assert.equal(who.method, "ecdsa");
      assert.equal(who.subject, address);
      // a body and a query string are signed too
      const answer = await legacy.events.send({ metric: "unknown_metric_x", user_id: "u 1" }).catch((e) => e);
      assert.equal(answer.code, "unknown_metric");
      const page = await legacy.users.pointsHistory("u 1", "xp", { limit: 5 }).catch((e) => e);
      assert.notEqual(page.status, 401, "a signed request with a query is accepted");
    } finally {
      console.warn = warn;
    }
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /deprecated/);
  });
});
