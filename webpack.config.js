/* eslint-disable */
// Builds the task pane (taskpane.html, loaded by Excel) and the preview page (preview.html, a workbook in the
// browser beside the real pane) into dist/web. `npm start` serves them over HTTPS on localhost:3000.
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const PORT = 3000;

/** office-addin-dev-certs writes its files here; it cannot install the CA without root, so we read them ourselves. */
function httpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (!Object.values(files).every((f) => fs.existsSync(path.join(dir, f)))) return null;
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  const https = httpsOptions();
  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist/web"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json", compilerOptions: { noEmit: false, sourceMap: true } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "./src/preview/preview.html", chunks: ["preview"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "samples/*.xlsx", to: "samples/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          // The user guide (SupportUrl, LearnMoreUrl) and its pictures.
          { from: "docs/huong-dan.html", to: "huong-dan.html" },
          { from: "docs/screenshots/*.png", to: "screenshots/[name][ext]" },
        ],
      }),
    ],
    devServer: {
      port: PORT,
      server: https ? { type: "https", options: https } : "http",
      static: { directory: path.resolve(__dirname, "dist/web") },
      headers: { "Access-Control-Allow-Origin": "*" },
      hot: false,
      liveReload: true,
      client: { overlay: false },
      onListening: () => {
        const url = `${https ? "https" : "http"}://localhost:${PORT}`;
        console.log(
          [
            "",
            `Phụ lục CCHC: ${url}/taskpane.html (ngăn tác vụ), ${url}/preview.html (xem trước, không cần Excel)`,
            https ? "" : "CẢNH BÁO: chưa có chứng chỉ HTTPS (npx office-addin-dev-certs install); Excel chỉ nạp add-in qua HTTPS.",
            "Nạp add-in (sideload):",
            "  Excel trên web: Trang đầu › Bổ trợ (Add-ins) › Thêm bổ trợ › Tải lên bổ trợ của tôi › chọn manifest.xml",
            "  Excel trên Windows: chép manifest.xml vào một thư mục chia sẻ, thêm thư mục đó vào Trust Center ›",
            "    Trusted Add-in Catalogs, khởi động lại Excel, rồi Trang đầu › Bổ trợ › Thư mục dùng chung › Phụ lục CCHC",
            "  Excel trên Mac: chép manifest.xml vào ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/",
            "Chi tiết: README.md, mục “Nạp add-in vào Excel”.",
            "",
          ].join("\n"),
        );
      },
    },
  };
};
