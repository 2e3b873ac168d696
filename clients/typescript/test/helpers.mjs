// What the tests share: the server run.mjs started, new applications through the operator API, and
// a fetch that counts (and can break) the requests a client makes.
import { createServer } from "node:http";
import { after, before } from "node:test";
import { Ludus } from "ludus-client/server";

export const baseUrl = process.env.LUDUS_TEST_BASE_URL;
const adminKey = process.env.LUDUS_TEST_ADMIN_KEY;
if (!baseUrl || !adminKey) {
  throw new Error("run the tests with `npm test` (test/run.mjs starts the server)");
}

async function operator(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method, body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/json" },
  });
  const answer = await response.json();
  if (response.status !== 201) {
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  }
  return answer;
}

/** A new tenant and application: ids and secrets. */
export async function createApp() {
  const tenant = await operator("POST", "/admin/v1/tenants", { name: "TypeScript SDK test" });
  const app = await operator("POST", `/admin/v1/tenants/${tenant.id}/applications`, { name: "App" });
  return {
    tenantId: tenant.id, applicationId: app.id, apiSecret: app.api_secret,
    clientId: app.client_id, clientSecret: app.client_secret,
  };
}

/** A client of scope admin on the application (application tokens). */
export function adminClient(app) {
  return new Ludus({
    baseUrl,
    applicationToken: { tenantId: app.tenantId, applicationId: app.applicationId, apiSecret: app.apiSecret, scopes: ["admin"] },
  });
}

/**
 * A fetch that records every request (method, path, headers) and lets a test break one: `fault`
 * is called before each request and may answer a Response or throw instead of sending it, or
 * return "send-then-throw" to send it and lose the answer.
 */
export function recordingFetch() {
  const seen = [];
  const recorder = {
    seen,
    fault: undefined,
    count(method, path) {
      return seen.filter((r) => r.method === method && r.path === path).length;
    },
    fetch: async (url, init) => {
      const u = new URL(url);
      const request = { method: init.method, path: u.pathname, headers: new Headers(init.headers) };
      seen.push(request);
      const broken = recorder.fault?.(request);
      if (broken instanceof Response) {
        return broken;
      }
      const response = await fetch(url, init);
      if (broken === "send-then-throw") {
        await response.arrayBuffer();
        throw new TypeError("fetch failed (the answer was lost on the way)");
      }
      return response;
    },
  };
  return recorder;
}

/** A clock the test moves: milliseconds since the epoch. */
export function testClock(start = Date.now()) {
  let now = start;
  const clock = () => now;
  clock.set = (ms) => { now = ms; };
  return clock;
}

/** A new application with its rules put in order: `[["metrics", "steps", { name: "Steps" }], ...]`. */
export async function createAppWithRules(rules) {
  const app = await createApp();
  const admin = adminClient(app);
  for (const [kind, key, definition] of rules) {
    await admin[kind].put(key, definition);
  }
  return { app, admin };
}

/**
 * A local webhook receiver for the describe block that calls it: answers 204 and keeps what arrives
 * (`received`: headers and body); `port` is set once it listens, before the block's tests.
 */
export function webhookReceiver() {
  const receiver = { received: [], port: undefined };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  before(async () => {
    receiver.port = await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  return receiver;
}
