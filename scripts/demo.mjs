/**
 * `npm run demo`: reviews the bundled example change (examples/demo/base →
 * examples/demo/head) exactly as the app would review that pull request, and
 * prints the check run and review it would post. Runs the build output
 * (the npm script builds first).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDemoRepo } from "../dist/docs/demo-change.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = createDemoRepo(root);
try {
  const format = process.argv[2] ?? "markdown";
  const result = spawnSync(process.execPath, [join(root, "dist/cli.js"), "review", "--repo", repo.dir, "--base", repo.base, "--head", repo.head, "--format", format], { stdio: "inherit" });
  // Exit 1 only means the review found something at the fail threshold; the demo itself worked.
  process.exitCode = result.status === 2 || result.status === null ? 2 : 0;
} finally {
  repo.remove();
}
