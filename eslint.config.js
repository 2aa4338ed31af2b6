// ESLint for the whole repository (`npm run lint`; Prettier owns layout, so no style rules here).
// typescript-eslint's recommended rules without type information, so a run takes seconds, plus
// the corridor's import boundaries (docs/ARCHITECTURE.md, "The corridor"), written with the
// built-in no-restricted-imports per folder: a file may import from the layers below it, never
// from the ones above.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SRC = "server/src";

/** Matches a relative import of one of `folders` of server/src, from any depth below it. */
const folderImport = (folders) => `^(\\.\\./)+(${folders.join("|")})(/|$)`;

/** Loading ltijs at all, by require() or import() (no-restricted-imports sees only import declarations). */
const ltijsLoad = [
  { selector: "CallExpression[callee.name='require'][arguments.0.value='ltijs']", message: ltijsMessage() },
  { selector: "ImportExpression[source.value='ltijs']", message: ltijsMessage() },
];
function ltijsMessage() {
  return "Only server/src/lti/ uses ltijs: ask the lti/ port (lti/port.ts) for what you need.";
}

/**
 * The one no-restricted-imports setting of a folder. A later config object replaces a rule's
 * options rather than merging them, so each folder states its whole list here: the layers it
 * must not reach (`forbid`), those it may use for types only (`typesOnly`), and always ltijs
 * (unless `ltijs: true`) and the development platform, which the tool loads only on demand
 * (unless `devPlatform: true`, for tests).
 */
function boundaries({ forbid = [], typesOnly = [], ltijs = false, devPlatform = false, why }) {
  const patterns = [];
  if (forbid.length) patterns.push({ regex: folderImport(forbid), message: why });
  if (typesOnly.length)
    patterns.push({ regex: folderImport(typesOnly), allowTypeImports: true, message: `${why} (types are fine)` });
  const paths = devPlatform
    ? []
    : [
        {
          name: "@mentor-pathways/dev-platform",
          allowTypeImports: true,
          message:
            "The development platform is loaded on demand (boot.ts, `await import()`), never bundled with the tool.",
        },
      ];
  if (!ltijs) paths.push({ name: "ltijs", message: ltijsMessage() });
  return {
    "no-restricted-imports": "off",
    "@typescript-eslint/no-restricted-imports": ["error", { paths, patterns }],
    "no-restricted-syntax": ltijs ? "off" : ["error", ...ltijsLoad],
  };
}

/** The corridor, folder by folder: endpoint (contracts) → policy → command/query → model → presenter. */
const corridor = [
  // The composition root (main, boot, app, appDeps, config, errors) may wire anything together.
  { files: [`${SRC}/*.ts`], rules: boundaries({}) },
  {
    // Schemas shared with the browser: nothing server-side may come with them.
    files: [`${SRC}/contracts/**`],
    rules: boundaries({
      forbid: [
        "models",
        "commands",
        "queries",
        "routes",
        "http",
        "policies",
        "presenters",
        "lti",
        "db",
        "jobs",
        "gradebook",
        "documents",
        "storage",
        "panel",
      ],
      why: "contracts/ is shared with the client: it holds zod schemas and imports only schemas",
    }),
  },
  {
    files: [`${SRC}/models/**`],
    rules: boundaries({
      forbid: [
        "commands",
        "queries",
        "routes",
        "http",
        "presenters",
        "policies",
        "jobs",
        "gradebook",
        "documents",
        "lti",
      ],
      why: "Models are the bottom of the corridor: they never import what uses them",
    }),
  },
  {
    // Pure rules: given data, answer. Loading the data is a query's job.
    files: [`${SRC}/programme/**`],
    rules: boundaries({
      forbid: ["commands", "queries", "routes", "http", "presenters", "db", "jobs"],
      typesOnly: ["models"],
      why: "programme/ holds pure rules: loaders belong in queries/",
    }),
  },
  {
    files: [`${SRC}/queries/**`],
    rules: boundaries({
      forbid: ["routes", "http"],
      typesOnly: ["commands"],
      why: "A query only reads: it never calls a command, and never reaches up into routes or http",
    }),
  },
  {
    files: [`${SRC}/commands/**`],
    rules: boundaries({
      forbid: ["routes", "http", "presenters"],
      why: "Commands are called by routes and jobs, never the other way round",
    }),
  },
  {
    // Presenters pick fields from what they are given; they may name the types of models and of what
    // a query loaded, but never load or save.
    files: [`${SRC}/presenters/**`],
    rules: boundaries({
      forbid: ["commands", "routes", "http", "db", "jobs"],
      typesOnly: ["models", "queries"],
      why: "Presenters are pure: they shape what they are handed and never read or write",
    }),
  },
  {
    files: [`${SRC}/policies/**`],
    rules: boundaries({
      forbid: ["commands", "queries", "routes", "http", "presenters", "jobs"],
      why: "Policies decide from what they are given; they never run commands or queries",
    }),
  },
  {
    // The LTI door: the only home of ltijs. It receives its launch handler rather than importing commands.
    files: [`${SRC}/lti/**`],
    rules: boundaries({
      ltijs: true,
      forbid: ["commands", "queries", "routes", "http", "presenters"],
      why: "lti/ is a port the tool uses; it is handed what it calls (e.g. the launch handler)",
    }),
  },
  {
    files: [`${SRC}/http/**`],
    rules: boundaries({ forbid: ["routes"], why: "http/ is the middleware routes use; it never imports a route" }),
  },
  {
    files: [`${SRC}/{db,documents,storage,panel,gradebook,jobs,types}/**`],
    rules: boundaries({
      forbid: ["routes", "http"],
      why: "Only routes/ and the composition root reach routes/ and http/",
    }),
  },
  {
    // A handler calls one query or one command and presents the result; the database is theirs.
    files: [`${SRC}/routes/**`],
    rules: boundaries({
      typesOnly: ["models", "db"],
      why: "Routes read through queries/ and write through commands/, never a model directly",
    }),
  },
  {
    // The browser gets nothing of the server but the shared schemas.
    files: ["client/src/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+server/src/(?!contracts/)",
              message: "The client imports only the shared schemas (@contracts/*) from the server.",
            },
          ],
          paths: [{ name: "ltijs", message: ltijsMessage() }],
        },
      ],
    },
  },
  {
    // The development platform is a separate LMS: it speaks LTI to the tool and shares no code with it.
    files: ["packages/dev-platform/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(\\.\\./)+(server|client)/",
              message:
                "The development platform is its own package: it talks to the tool over LTI, never through its code.",
            },
          ],
          paths: [
            { name: "ltijs", message: "The development platform is an LMS; it does not use the tool's LTI library." },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  {
    // Build outputs, data and installed code (.gitignore's list is not read by ESLint).
    ignores: [
      "**/node_modules/**",
      "client/dist/**",
      "server/build/**",
      "**/dist/**",
      "coverage/**",
      "data/**",
      "tmp/**",
      "test-results/**",
      "tools/embedded-db/**",
      ".prof/**",
      ".ci/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Unused names are mistakes, except the ones marked as deliberately unused (`_req`, `_next`)
      // and the rest siblings that drop a field from a copy (`const { secret, ...shown } = doc`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // `{}` is how the endpoint types say "no input" and ask "is every field optional?" (`{} extends T`);
      // an empty interface is still refused.
      "@typescript-eslint/no-empty-object-type": ["error", { allowObjectTypes: "always" }],
    },
  },
  {
    // The two classic hook rules only: the plugin's React Compiler rules judge code written for the
    // compiler, which this client does not use.
    files: ["client/src/**"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // Browser tests run code in the page (page.evaluate) as well as in node.
    files: ["test/browser/**"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...corridor,
  {
    // A unit test beside its module builds its data with whatever it needs; the corridor binds the code it tests.
    files: [`${SRC}/**/*.test.ts`],
    rules: boundaries({ devPlatform: true }),
  },
  {
    // ltijs ships as CommonJS without types: lti/ltijs.ts loads it with createRequire, on purpose,
    // and so does the bare-ltijs tool the launch benchmark compares us with.
    files: [`${SRC}/lti/ltijs.ts`, "bench/baseline/**"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
