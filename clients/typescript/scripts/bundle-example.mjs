// Bundles the browser example (examples/browser/main.js and the browser entry of ludus-client) into
// examples/browser/dist/app.js with esbuild, for browsers: ESM, minified, with a source map.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Builds the bundle; answers esbuild's metafile (which inputs went in). */
export async function bundleExample() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["examples/browser/main.js"],
    outfile: "examples/browser/dist/app.js",
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome120", "firefox120", "safari17"],
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
  });
  return result.metafile;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const metafile = await bundleExample();
  const bytes = Object.values(metafile.outputs).find((o) => o.entryPoint)?.bytes;
  console.log(`wrote examples/browser/dist/app.js (${bytes} bytes)`);
}
