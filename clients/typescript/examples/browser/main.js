// The browser side of the example: the signed-in user's progress and a leaderboard, read from Ludus
// with a short-lived read-only token that the page's own back end mints (never a secret in the page).
// Bundled for the browser with esbuild: `npm run bundle-example` writes examples/browser/dist/app.js.
import { Ludus, LudusError } from "ludus-client";

const user = new URLSearchParams(location.search).get("user") ?? "alice";
const status = document.getElementById("status");

async function main() {
  const config = await (await fetch("/config.json")).json();
  const ludus = new Ludus({
    baseUrl: config.ludusUrl,
    // asked again when the token has expired or was revoked
    token: async () => (await (await fetch(`/ludus-token?user=${encodeURIComponent(user)}`)).json()).token,
  });
  const progress = await ludus.users.progress(user);
  for (const metric of progress.metrics) {
    const item = document.createElement("li");
    item.textContent = `${metric.key}: ${metric.total}`;
    document.getElementById("metrics").append(item);
  }
  if (config.leaderboard) {
    const board = await ludus.leaderboards.top(config.leaderboard);
    for (const entry of board.entries) {
      const item = document.createElement("li");
      item.textContent = `${entry.user_id}: ${entry.score}`;
      document.getElementById("leaderboard").append(item);
    }
  }
  status.textContent = `progress of ${progress.user_id}`;
}

main().catch((error) => {
  // a CORS refusal reaches the page as a TypeError from fetch, with no answer to read
  // (LudusError code network_error): the browser let the page read nothing
  status.textContent = `failed: ${error instanceof LudusError ? error.code : error.name}`;
});
