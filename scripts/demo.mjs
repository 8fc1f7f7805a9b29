/**
 * `npm run demo`: reviews the bundled example change (examples/demo/base →
 * examples/demo/head) exactly as the app would review that pull request, and
 * prints the check run and review it would post. Needs `npm run build` first
 * (the npm script does it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = mkdtempSync(join(tmpdir(), "taxon-demo-"));
const git = (...args) => execFileSync("git", ["-C", repo, ...args], { stdio: "pipe" });
try {
  git("init", "-q", "-b", "main");
  git("config", "user.email", "demo@taxon.invalid");
  git("config", "user.name", "taxon demo");
  cpSync(join(root, "examples/demo/base"), repo, { recursive: true });
  git("add", "-A");
  git("commit", "-qm", "Inventory service");
  git("checkout", "-q", "-b", "feature/search-and-import");
  for (const entry of ["app", "tests", "frontend", "requirements.txt"]) rmSync(join(repo, entry), { recursive: true, force: true });
  cpSync(join(root, "examples/demo/head"), repo, { recursive: true });
  git("add", "-A");
  git("commit", "-qm", "Search and supplier import");
  const result = spawnSync(process.execPath, [join(root, "dist/cli.js"), "review", "--repo", repo, "--base", "main", "--head", "HEAD", "--format", process.argv[2] ?? "markdown"], {
    stdio: "inherit",
  });
  // Exit 1 only means the review found something at the fail threshold; the demo itself worked.
  process.exitCode = result.status === 2 || result.status === null ? 2 : 0;
} finally {
  rmSync(repo, { recursive: true, force: true });
}
