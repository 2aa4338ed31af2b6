// Makes the patched copy of FerretDB that tools/embedded-db builds against (go.mod replaces
// the module with tools/embedded-db/.build/ferretdb). The patch widens the SQLite backend's
// SQL filtering from `{_id: value}` only to equality/$in on indexed fields, and serialises
// write commands per collection so each single-document write is atomic; the Go files it adds
// are ours, in tools/embedded-db/_patch. Each edit checks its anchor so a FerretDB
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
  if (download.status !== 0)
    throw new Error(`patch-ferretdb: go mod download failed\n${download.stdout}${download.stderr}`);
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
    '\twhereClause, args = mpWhereClause(ctx, db, meta, params.Filter)\n\tfilterPushdown = whereClause != ""\n',
  );
  replaceOnce(
    path.join(backend, "metadata", "registry.go"),
    "\tfor _, index := range indexes {\n\t\tif slices.ContainsFunc(c.Settings.Indexes",
    "\tfor _, index := range indexes {\n\t\tif err := mpEnsureTypeIndexes(ctx, db, c.TableName, index); err != nil {\n\t\t\treturn lazyerrors.Error(err)\n\t\t}\n\n\t\tif slices.ContainsFunc(c.Settings.Indexes",
  );

  // FerretDB updates and deletes by `->'$._id'`, which is not the expression its _id index is on
  // (`->"_id"`), so every update or delete by _id read the whole table. Same value, indexed form.
  replaceOnce(
    path.join(backend, "metadata", "metadata.go"),
    `IDColumn = DefaultColumn + "->'$._id'"`,
    'IDColumn = DefaultColumn + "->\\"_id\\""',
  );

  // Dotted filter keys reach the backend (the SQL side checks arrays along the path).
  replaceOnce(
    path.join(dest, "ferretdb", "ferretdb.go"),
    "\t\t\tBatchSize:               100,\n",
    "\t\t\tBatchSize:               100,\n\t\t\tEnableNestedPushdown:    true,\n",
  );

  // Write commands take a per-collection lock from before they read to after they write, so a
  // read-modify-write (update, upsert, findAndModify, delete, and inserts racing upserts) is
  // atomic per document as on MongoDB. Reads do not take it. See _patch/handler/mp_writelock.go.
  const handler = path.join(dest, "internal", "handler");
  const takeWriteLock =
    "\n\t// Mentor Pathways: one write command at a time per collection (mp_writelock.go).\n" +
    "\tunlock, err := mpLockWrites(connCtx, params.DB, params.Collection)\n\tif err != nil {\n\t\treturn nil, lazyerrors.Error(err)\n\t}\n\tdefer unlock()\n";
  for (const [file, getParams, onError] of [
    ["msg_insert.go", "GetInsertParams", "lazyerrors.Error(err)"],
    ["msg_update.go", "GetUpdateParams", "lazyerrors.Error(err)"],
    ["msg_findandmodify.go", "GetFindAndModifyParams", "err"],
    ["msg_delete.go", "GetDeleteParams", "lazyerrors.Error(err)"],
  ]) {
    const parsed = `\tparams, err := common.${getParams}(document, h.L)\n\tif err != nil {\n\t\treturn nil, ${onError}\n\t}\n`;
    replaceOnce(path.join(handler, file), parsed, parsed + takeWriteLock);
  }

  // Each statement of an update command opened its query and closed it only when the whole command
  // ended (a `defer` inside the loop), so a command of 100 statements held 100 SQLite connections,
  // the pool's limit, and the next statement waited for one forever: an unordered bulk of 100
  // updates never answered. Each statement now releases its query as soon as it is applied.
  const updateFile = path.join(handler, "msg_update.go");
  replaceOnce(
    updateFile,
    "\t\tcloser := iterator.NewMultiCloser()\n\t\tdefer closer.Close()\n",
    "\t\tcloser := iterator.NewMultiCloser()\n",
  );
  replaceOnce(
    updateFile,
    '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n',
    '\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)\n\t\tcloser.Close() // Mentor Pathways: one connection per statement at a time\n',
  );

  // An update that breaks a unique index failed with an internal error (code 1); an insert's
  // E11000 mapping, applied to updates, makes it E11000 as on MongoDB.
  replaceOnce(
    collection,
    "\t\t\tr, err := tx.ExecContext(ctx, q, string(b), arg)\n\t\t\tif err != nil {\n\t\t\t\treturn lazyerrors.Error(err)\n\t\t\t}\n",
    "\t\t\tr, err := tx.ExecContext(ctx, q, string(b), arg)\n\t\t\tif err != nil {\n" +
      "\t\t\t\tvar se *sqlite3.Error\n\t\t\t\tif errors.As(err, &se) && se.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE {\n" +
      "\t\t\t\t\treturn backends.NewError(backends.ErrorCodeInsertDuplicateID, err)\n\t\t\t\t}\n\n" +
      "\t\t\t\treturn lazyerrors.Error(err)\n\t\t\t}\n",
  );

  // Per-query costs on the read path, found by profiling the engine under the tool's reads (each
  // about 5-10% of its CPU); the README's "Why reads are cheaper" says what and why.
  // Leak tracking: every iterator registered itself in a pprof profile (a stack walk) and set a
  // finalizer; FerretDB's debug builds need that, release builds only paid for it.
  const resource = path.join(dest, "internal", "util", "resource", "resource.go");
  for (const fn of ["Track", "Untrack"])
    replaceOnce(
      resource,
      `func ${fn}(obj any, token *Token) {\n\tcheckArgs(obj, token)\n`,
      `func ${fn}(obj any, token *Token) {\n\tcheckArgs(obj, token)\n\n\tif !debugbuild.Enabled { // Mentor Pathways: release builds do not track\n\t\treturn\n\t}\n`,
    );
  // Listing one collection by name copies that one (_patch/sqlite/mp_collectionlist.go).
  replaceOnce(
    path.join(backend, "database.go"),
    "(*backends.ListCollectionsResult, error) {\n\tlist, err := db.r.CollectionList(ctx, db.name)\n",
    "(*backends.ListCollectionsResult, error) {\n\tlist, err := mpCollectionList(ctx, db, params) // Mentor Pathways: copy only what is asked for\n",
  );
  // A stored string without escapes is its bytes between the quotes (_patch/sjson/mp_plainstring.go).
  const sjson = path.join(handler, "sjson");
  replaceOnce(
    path.join(sjson, "string.go"),
    '\tif bytes.Equal(data, []byte("null")) {\n\t\tpanic("null data")\n\t}\n\n\tr := bytes.NewReader(data)\n',
    '\tif bytes.Equal(data, []byte("null")) {\n\t\tpanic("null data")\n\t}\n\n' +
      "\tif s, ok := mpPlainString(data); ok { // Mentor Pathways: no decoder for a plain string\n\t\t*str = stringType(s)\n\t\treturn nil\n\t}\n\n\tr := bytes.NewReader(data)\n",
  );
  // A stored document is read in one pass, not a json.Decoder per value (_patch/sjson/mp_unmarshal.go,
  // which defines Unmarshal and falls back to the original, renamed here, for what it declines).
  replaceOnce(
    path.join(sjson, "sjson.go"),
    "// Unmarshal decodes the top-level document.\n// It decodes document's schema from the `$s` field and uses it to decode the data of the document.\nfunc Unmarshal(data []byte) (*types.Document, error) {\n",
    "// mpOriginalUnmarshal is FerretDB's Unmarshal (Mentor Pathways: see mp_unmarshal.go).\n// It decodes document's schema from the `$s` field and uses it to decode the data of the document.\nfunc mpOriginalUnmarshal(data []byte) (*types.Document, error) {\n",
  );

  // Every SQL statement logged itself at debug level through `logger.With(args...)`, which formats
  // its arguments (for a write, the whole document as quoted text) before the level is checked:
  // about a quarter of the engine's CPU on inserts. The line is now made only when debug is on.
  const fsql = path.join(dest, "internal", "util", "fsql");
  for (const [file, owner] of [
    ["db.go", "db"],
    ["tx.go", "tx"],
  ])
    for (const arrow of [">>>", "<<<"])
      replaceOnce(
        path.join(fsql, file),
        `\t${owner}.l.With(fields...).DebugContext(ctx, fmt.Sprintf("${arrow} %s", query))\n`,
        `\tif ${owner}.l.Enabled(ctx, slog.LevelDebug) { // Mentor Pathways: no formatting for a line nobody logs\n` +
          `\t\t${owner}.l.With(fields...).DebugContext(ctx, fmt.Sprintf("${arrow} %s", query))\n\t}\n`,
        3,
      );

  // Documents with many fields (the dashboard's course counters hold a key per school: ~2,000)
  // cost time quadratic in their fields: adding a field searched every field first, and writing a
  // document and answering a find looked each field up by name in turn. A find returned a
  // 4,000-field document in 51 ms and an $inc took 41 ms. Four anchored edits keep them linear:
  // a field not yet present is appended without a search (the document's key counts say so); a
  // find without a projection answers the document as decoded (_id already first) instead of
  // rebuilding it through three copies; a projection and the stored JSON walk keys and values
  // side by side.
  const types = path.join(dest, "internal", "types");
  replaceOnce(
    path.join(types, "document.go"),
    "\tfor i, f := range d.fields {\n\t\tif f.key == key {\n\t\t\td.fields[i].value = value\n\t\t\treturn\n\t\t}\n\t}\n",
    "\tif d.keys[key] > 0 { // Mentor Pathways: only a key already present is searched for\n" +
      "\t\tfor i, f := range d.fields {\n\t\t\tif f.key == key {\n\t\t\t\td.fields[i].value = value\n\t\t\t\treturn\n\t\t\t}\n\t\t}\n\t}\n",
  );
  const projection = path.join(handler, "common", "projection.go");
  replaceOnce(
    projection,
    "func ProjectDocument(doc, projection, filter *types.Document, inclusion bool) (*types.Document, error) {\n",
    "func ProjectDocument(doc, projection, filter *types.Document, inclusion bool) (*types.Document, error) {\n" +
      '\tif projection.Len() == 0 && doc.Command() == "_id" { // Mentor Pathways: nothing to project\n\t\treturn doc, nil\n\t}\n\n',
  );
  replaceOnce(
    projection,
    "\tfor _, key := range projectedWithoutID.Keys() {\n\t\tprojected.Set(key, must.NotFail(projectedWithoutID.Get(key)))\n\t}\n",
    "\tprojectedValues := projectedWithoutID.Values() // Mentor Pathways: keys and values side by side\n" +
      "\tfor i, key := range projectedWithoutID.Keys() {\n\t\tprojected.Set(key, projectedValues[i])\n\t}\n",
  );
  replaceOnce(
    path.join(sjson, "schema.go"),
    "\tkeys := td.Keys()\n",
    "\tkeys := td.Keys()\n\tvalues := td.Values() // Mentor Pathways: keys and values side by side\n",
  );
  replaceOnce(path.join(sjson, "schema.go"), "must.NotFail(td.Get(key))", "values[i]");
  replaceOnce(
    path.join(sjson, "document.go"),
    "\t\tvalue, err := td.Get(key)\n\t\tif err != nil {\n\t\t\treturn nil, lazyerrors.Error(err)\n\t\t}\n",
    "\t\tvalue := values[i] // Mentor Pathways: keys and values side by side\n",
  );
  replaceOnce(
    path.join(sjson, "document.go"),
    "\tkeys := td.Keys()\n",
    "\tkeys := td.Keys()\n\tvalues := td.Values()\n",
  );

  for (const [pkg, to] of [
    ["sqlite", backend],
    ["metadata", path.join(backend, "metadata")],
    ["handler", handler],
    ["sjson", sjson],
  ]) {
    const from = path.join(sourceDir, "_patch", pkg);
    for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
  return dest;
}

/** Files whose content decides the engine binary (hashed into its name). */
export function patchInputs(sourceDir) {
  const files = [fileURLToPath(import.meta.url)];
  for (const pkg of ["sqlite", "metadata", "handler", "sjson"]) {
    const dir = path.join(sourceDir, "_patch", pkg);
    for (const name of fs.readdirSync(dir).sort()) files.push(path.join(dir, name));
  }
  return files;
}
