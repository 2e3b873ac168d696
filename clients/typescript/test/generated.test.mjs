import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("src/generated/openapi.ts is what server/src/main/resources/openapi.yaml generates", () => {
  const script = fileURLToPath(new URL("../scripts/generate-types.mjs", import.meta.url));
  assert.doesNotThrow(() => execFileSync(process.execPath, [script, "--check"], { stdio: "pipe" }),
    "run `npm run generate` in clients/typescript after changing openapi.yaml");
});
