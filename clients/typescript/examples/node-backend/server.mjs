// A Node back end on Ludus, with node:http only:
//   POST /steps            {"user":"alice","steps":1200}  records an event (client credentials)
//   GET  /progress?user=   the user's progress
//   GET  /ludus-token?user= a 5-minute token for that user's browser (read only), minted with the API secret
//   POST /webhooks/ludus   Ludus's webhooks, verified before they are believed
//   GET  /, /app.js, /config.json  the browser page of examples/browser (when `page` is given): it
//                          reads the user's progress from Ludus directly, with a token from /ludus-token
//
// Run it (from clients/typescript, after `npm run build`):
//   LUDUS_URL=http://localhost:8080 LUDUS_CLIENT_ID=... LUDUS_CLIENT_SECRET=... \
//   LUDUS_TENANT_ID=... LUDUS_APPLICATION_ID=... LUDUS_API_SECRET=... LUDUS_WEBHOOK_SECRET=whsec_... \
//   node examples/node-backend/server.mjs
// In your project: npm install ludus-client, and the same imports.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { Ludus, LudusError, mintApplicationToken, verifyWebhook, WebhookVerificationError } from "ludus-client/server";

/** The back end's HTTP server; `webhookSecret` a string or a function answering one; `onWebhook` gets every verified message. */
export function createBackend({ ludus, tokenOptions, webhookSecret, onWebhook = () => {}, page }) {
  return createServer(async (request, response) => {
    const url = new URL(request.url, "http://backend");
    const body = await read(request);
    try {
      if (page && request.method === "GET" && url.pathname === "/") {
        response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(await readFile(page.html));
        return undefined;
      }
      if (page && request.method === "GET" && url.pathname === "/app.js") {
        response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" }).end(await readFile(page.bundle));
        return undefined;
      }
      if (page && request.method === "GET" && url.pathname === "/config.json") {
        return json(response, 200, { ludusUrl: page.ludusUrl, leaderboard: page.leaderboard });
      }
      if (request.method === "POST" && url.pathname === "/steps") {
        const { user, steps } = JSON.parse(body.toString("utf8"));
        // Your own authentication decides who `user` is; this example trusts the request.
        const answer = await ludus.events.send({ metric: "steps", user_id: user, value: steps });
        return json(response, 200, { total: answer.metric.total, unlocked: answer.achievements.map((a) => a.key) });
      }
      if (request.method === "GET" && url.pathname === "/progress") {
        return json(response, 200, await ludus.users.progress(url.searchParams.get("user")));
      }
      if (request.method === "GET" && url.pathname === "/ludus-token") {
        // A token that lets the browser read its own user's progress and leaderboards, nothing else.
        const token = await mintApplicationToken({ ...tokenOptions, subject: url.searchParams.get("user"), scopes: ["read"] });
        return json(response, 200, { token });
      }
      if (request.method === "POST" && url.pathname === "/webhooks/ludus") {
        const secret = typeof webhookSecret === "function" ? webhookSecret() : webhookSecret;
        const message = await verifyWebhook(secret, request.headers, body);
        await onWebhook(message);
        response.writeHead(204).end();
        return undefined;
      }
      return json(response, 404, { error: "not_found" });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        return json(response, 400, { error: "bad_signature", detail: error.message });
      }
      if (error instanceof LudusError) {
        // Ludus refused: pass its code and field on, never a stack trace.
        return json(response, error.status >= 500 || error.status === 0 ? 502 : error.status,
          { error: error.code, field: error.field, detail: error.detail });
      }
      return json(response, 400, { error: "bad_request", detail: error.message });
    }
  });
}

function read(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function json(response, status, value) {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(value));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = (name) => {
    const value = process.env[name];
    if (!value) {
      console.error(`set ${name}`);
      process.exit(1);
    }
    return value;
  };
  const baseUrl = env("LUDUS_URL");
  const ludus = new Ludus({
    baseUrl, clientCredentials: { clientId: env("LUDUS_CLIENT_ID"), clientSecret: env("LUDUS_CLIENT_SECRET") },
  });
  const tokenOptions = {
    tenantId: env("LUDUS_TENANT_ID"), applicationId: env("LUDUS_APPLICATION_ID"), apiSecret: env("LUDUS_API_SECRET"),
  };
  const port = Number(process.env.PORT ?? 3000);
  createBackend({
    ludus, tokenOptions, webhookSecret: env("LUDUS_WEBHOOK_SECRET"),
    onWebhook: (message) => console.log(`webhook ${message.type}`),
  }).listen(port, () => console.log(`back end on http://localhost:${port}`));
}
