// Generates src/generated/openapi.ts from the server's openapi.yaml with openapi-typescript.
//   node scripts/generate-types.mjs          writes the file
//   node scripts/generate-types.mjs --check  fails when the committed file is not what the spec generates
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const spec = new URL("../../../server/src/main/resources/openapi.yaml", import.meta.url);
const target = new URL("../src/generated/openapi.ts", import.meta.url);
const header = "// Generated from server/src/main/resources/openapi.yaml by scripts/generate-types.mjs\n"
  + "// (openapi-typescript). Do not edit: run `npm run generate` after changing the spec.\n\n";

let ast;
try {
  ast = await openapiTS(spec, { silent: true, defaultNonNullable: false });
} catch (error) {
  console.error(`cannot generate types from ${fileURLToPath(spec)}: ${error.message}`);
  process.exit(1);
}
const generated = header + astToString(ast);

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = await readFile(target, "utf8");
  } catch {
    // missing: reported below
  }
  if (committed !== generated) {
    console.error(`${fileURLToPath(target)} is not what ${fileURLToPath(spec)} generates: `
      + "the spec changed; run `npm run generate` in clients/typescript and commit the file");
    process.exit(1);
  }
  console.log("generated types are up to date with openapi.yaml");
} else {
  await writeFile(target, generated);
  console.log(`wrote ${fileURLToPath(target)}`);
}
