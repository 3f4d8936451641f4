/* eslint-disable */
// The batch checker as one file, dist/cli/phuluc.js, loaded by bin/phuluc.js. One file instead of some 120 modules:
// no module resolution at start-up, only the code the CLI uses (zod's 40 locales, for one, are not in it), and a
// V8 code cache made beside it by scripts/cliCache.ts (see bin/load-bundle.js). Not minified: stack traces stay
// readable. `npm run build:cli` builds it (and `npm ci`, through "prepare").
const path = require("node:path");

module.exports = {
  mode: "production",
  target: "node20",
  entry: "./src/cli/main.ts",
  output: { path: path.resolve(__dirname, "dist/cli"), filename: "phuluc.js", library: { type: "commonjs2" }, clean: true },
  // packageRoot() walks up from the bundle's own folder to package.json.
  node: { __dirname: false, __filename: false },
  resolve: { extensions: [".ts", ".js", ".json"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          // Type-checking is `npm run typecheck`'s job; ES modules here so that webpack can drop unused exports.
          options: { transpileOnly: true, configFile: "tsconfig.cli.json", compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: false } },
        },
      },
    ],
  },
  optimization: { minimize: false },
  performance: { hints: false },
  devtool: false,
  stats: "errors-warnings",
};
