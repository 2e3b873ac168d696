import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** Every module specifier that `file` imports, followed through relative imports. */
function imports(file, seen = new Set()) {
  if (seen.has(file)) {
    return [];
  }
  seen.add(file);
  const source = readFileSync(file, "utf8");
  const found = [];
  for (const [, specifier] of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) {
    if (specifier.startsWith(".")) {
      found.push(...imports(resolve(dirname(file), specifier), seen));
    } else {
      found.push(specifier);
    }
  }
  return found;
}

test("the browser entry imports no package and no Node module", () => {
  assert.deepEqual(imports(join(dist, "index.js")), []);
});

test("the server entry is where jose and @noble come in", () => {
  const external = new Set(imports(join(dist, "server.js")));
  assert.ok(external.has("jose"));
  assert.ok(external.has("@noble/curves/secp256k1.js"));
});

test("package.json keeps ludus-client/server out of browser bundles", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.equal(pkg.exports["./server"].browser, null);
  assert.equal(pkg.exports["./server"].default, null);
  assert.equal(pkg.exports["."].default, "./dist/index.js");
});
