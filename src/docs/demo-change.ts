/**
 * The bundled example change as a real git repository: `examples/demo/base`
 * committed on `main`, `examples/demo/head` on a feature branch. Used by
 * `npm run demo` and by the README's sample review (which is therefore real
 * output, checked by a test).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DemoRepo {
  dir: string;
  base: string;
  head: string;
  remove(): void;
}

export function createDemoRepo(projectRoot: string): DemoRepo {
  const dir = mkdtempSync(join(tmpdir(), "taxon-demo-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("config", "user.email", "demo@taxon.invalid");
  git("config", "user.name", "taxon demo");
  cpSync(join(projectRoot, "examples/demo/base"), dir, { recursive: true });
  git("add", "-A");
  git("commit", "-qm", "Inventory service");
  git("checkout", "-q", "-b", "feature/search-and-import");
  for (const entry of readdirSync(dir)) if (entry !== ".git") rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(join(projectRoot, "examples/demo/head"), dir, { recursive: true });
  git("add", "-A");
  git("commit", "-qm", "Search and supplier import");
  return { dir, base: "main", head: "HEAD", remove: () => rmSync(dir, { recursive: true, force: true }) };
}
