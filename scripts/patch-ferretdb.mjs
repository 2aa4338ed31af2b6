// Makes the patched copy of FerretDB that tools/embedded-db builds against (go.mod replaces
// the module with tools/embedded-db/.build/ferretdb). The patch widens the SQLite backend's
// SQL filtering from `{_id: value}` only to equality/$in on indexed fields; the Go files it
// adds are ours, in tools/embedded-db/_patch. Each edit checks its anchor so a FerretDB
// upgrade that moves the code fails the build loudly instead of silently skipping the patch.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ferretdbModule = "github.com/FerretDB/FerretDB@v1.24.2";

function replaceOnce(file, anchor, replacement, times = 1) {
  const text = fs.readFileSync(file, "utf8");
  const found = text.split(anchor).length - 1;
  if (found !== times) throw new Error(`patch-ferretdb: expected ${times} anchor(s) in ${file}, found ${found}`);
  fs.writeFileSync(file, text.split(anchor).join(replacement));
}

function makeWritable(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    fs.chmodSync(p, entry.isDirectory() ? 0o755 : 0o644);
    if (entry.isDirectory()) makeWritable(p);
  }
}

export function preparePatchedFerretDB(sourceDir) {
  // Outside any module, so go.mod's replace directive does not redirect the download.
  const download = spawnSync("go", ["mod", "download", "-json", ferretdbModule], {
    cwd: os.tmpdir(),
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "" },
  });
  if (download.status !== 0) throw new Error(`patch-ferretdb: go mod download failed\n${download.stdout}${download.stderr}`);
  const original = JSON.parse(download.stdout).Dir;

  const dest = path.join(sourceDir, ".build", "ferretdb");
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(original, dest, { recursive: true });
  fs.chmodSync(dest, 0o755);
  makeWritable(dest);

  const backend = path.join(dest, "internal", "backends", "sqlite");
  const idOnlyPushdown = (indent) =>
    [
      `${indent}if params.Filter.Len() == 1 {`,
      `${indent}\tv, _ := params.Filter.Get("_id")`,
      `${indent}\tswitch v.(type) {`,
      `${indent}\tcase string, types.ObjectID:`,
    ].join("\n");
  const collection = path.join(backend, "collection.go");
  // Query: the whole `if` block becomes one call.
  replaceOnce(
    collection,
    `${idOnlyPushdown("\t")}\n\t\t\twhereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}\n`,
    "\twhereClause, args = mpWhereClause(ctx, db, meta, params.Filter)\n",
  );
  // Explain: the same, and it reports whether the filter was narrowed.
  replaceOnce(
    collection,
    `${idOnlyPushdown("\t")}\n\t\t\tfilterPushdown = true\n\t\t\twhereClause = fmt.Sprintf(\` WHERE %s = ?\`, metadata.IDColumn)\n\t\t\targs = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}\n\t\t}\n\t}\n`,
    "\twhereClause, args = mpWhereClause(ctx, db, meta, params.Filter)\n\tfilterPushdown = whereClause != \"\"\n",
  );
  replaceOnce(
    path.join(backend, "metadata", "registry.go"),
    "\tfor _, index := range indexes {\n\t\tif slices.ContainsFunc(c.Settings.Indexes",
    "\tfor _, index := range indexes {\n\t\tif err := mpEnsureTypeIndexes(ctx, db, c.TableName, index); err != nil {\n\t\t\treturn lazyerrors.Error(err)\n\t\t}\n\n\t\tif slices.ContainsFunc(c.Settings.Indexes",
  );

  // FerretDB updates and deletes by `->'$._id'`, which is not the expression its _id index is on
  // (`->"_id"`), so every update or delete by _id read the whole table. Same value, indexed form.
  replaceOnce(path.join(backend, "metadata", "metadata.go"), `IDColumn = DefaultColumn + "->'$._id'"`, 'IDColumn = DefaultColumn + "->\\"_id\\""');

  // Dotted filter keys reach the backend (the SQL side checks arrays along the path).
  replaceOnce(
    path.join(dest, "ferretdb", "ferretdb.go"),
    "\t\t\tBatchSize:               100,\n",
    "\t\t\tBatchSize:               100,\n\t\t\tEnableNestedPushdown:    true,\n",
  );

  for (const pkg of ["sqlite", "metadata"]) {
    const from = path.join(sourceDir, "_patch", pkg);
    const to = pkg === "sqlite" ? backend : path.join(backend, "metadata");
    for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
  return dest;
}

/** Files whose content decides the engine binary (hashed into its name). */
export function patchInputs(sourceDir) {
  const files = [fileURLToPath(import.meta.url)];
  for (const pkg of ["sqlite", "metadata"]) {
    const dir = path.join(sourceDir, "_patch", pkg);
    for (const name of fs.readdirSync(dir).sort()) files.push(path.join(dir, name));
  }
  return files;
}
