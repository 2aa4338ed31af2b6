// Prettier settings for the whole repository (`npm run format` writes, `npm run lint` checks).
// 120 columns: the code was written to about that width; 80 would rewrap most of it.
/** @type {import("prettier").Config} */
export default {
  printWidth: 120,
};
