// `npm run bench:dashboard`: the dashboard bench alone, on BENCH_DATABASE_URL (PostgreSQL in CI) or a
// fresh SQLite file. The database must be empty: the bench fills it.
import { runDashboardBench } from "./dashboard.js";

console.log(await runDashboardBench(process.env.BENCH_DATABASE_URL));
