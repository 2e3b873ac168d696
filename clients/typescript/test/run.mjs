// Starts one real Ludus server from the built jar (server/target/ludus.jar, or LUDUS_TEST_JAR) on a
// free port with a temporary data directory, waits for /health/ready, runs `node --test` on the test
// files with LUDUS_TEST_BASE_URL and LUDUS_TEST_ADMIN_KEY set, and stops the server.
// The java command: $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH (21+).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const jar = process.env.LUDUS_TEST_JAR ?? join(here, "../../../server/target/ludus.jar");
if (!existsSync(jar)) {
  console.error(`test: no server jar at ${jar}: build it first (./mvnw -B -q -DskipTests install at the root)`);
  process.exit(1);
}
const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
const dataDir = mkdtempSync(join(tmpdir(), "ludus-ts-test-"));
const adminKey = "ts-test-operator-key-" + crypto.randomUUID();
const log = join(dataDir, "serve.log");
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LUDUS_")));
Object.assign(env, { LUDUS_ADMIN_KEY: adminKey, LUDUS_WEBHOOK_ALLOW_PRIVATE: "true" });

const out = openSync(log, "w");
const server = spawn(java, ["-jar", jar, "serve", "--port", "0", "--data-dir", dataDir],
  { env, stdio: ["ignore", out, out] });
let exited = false;
server.on("exit", () => { exited = true; });

function stop() {
  if (!exited) {
    server.kill("SIGTERM");
  }
}
process.on("SIGINT", () => { stop(); process.exit(130); });
process.on("SIGTERM", () => { stop(); process.exit(143); });

const started = Date.now();
let baseUrl;
while (Date.now() - started < 90_000 && !exited) {
  const match = /Ludus listening on http:\/\/localhost:(\d+)/.exec(readFileSync(log, "utf8"));
  if (match) {
    baseUrl = `http://127.0.0.1:${match[1]}`;
    try {
      if ((await fetch(baseUrl + "/health/ready")).status === 200) {
        break;
      }
    } catch {
      // not yet
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
}
if (exited || baseUrl === undefined) {
  console.error("test: the server did not start:\n" + readFileSync(log, "utf8"));
  stop();
  process.exit(1);
}
console.log(`test: Ludus ready at ${baseUrl} in ${Date.now() - started} ms`);

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2)
  : readdirSync(here).filter((name) => name.endsWith(".test.mjs")).sort().map((name) => join(here, name));
const tests = spawn(process.execPath, ["--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
  env: { ...process.env, LUDUS_TEST_BASE_URL: baseUrl, LUDUS_TEST_ADMIN_KEY: adminKey },
});
const code = await new Promise((resolve) => tests.on("exit", (status) => resolve(status ?? 1)));
stop();
await new Promise((resolve) => (exited ? resolve() : server.on("exit", resolve)));
if (code !== 0) {
  console.error(`test: failed; the server's log is ${log}`);
} else {
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
