// `npm run dev`: the server, reloading content/ on every change. A bad edit is reported and the last good
// content keeps serving.
import { createServer } from "node:http";
import { readConfig } from "./config.js";
import { describeReloadError, watchContent } from "./content/watch-content.js";
import { loadContent } from "./content/load-content.js";
import { createApp } from "./web/app/create-app.js";
import { liveApp } from "./web/app/live-app.js";

const config = readConfig(process.env);
const live = liveApp(createApp(await loadContent(config.contentDir), { searchRateLimit: 0, siteUrl: config.siteUrl }).handle);
const server = createServer(live.handle).listen(config.port, config.host, () => {
  console.log(`Dev server at http://localhost:${config.port}, watching ${config.contentDir}`);
});
const watcher = watchContent(
  config.contentDir,
  (content) => {
    live.swap(createApp(content, { searchRateLimit: 0, siteUrl: config.siteUrl }).handle);
    console.log(`${new Date().toLocaleTimeString()} reloaded: ${content.questions.length} questions`);
  },
  (error) => console.error(`${new Date().toLocaleTimeString()} not reloaded, still serving the last good content:\n${describeReloadError(error)}`),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    watcher.close();
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
