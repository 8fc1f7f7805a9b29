/** missing-test-changes: a change-level check over the paths a pull request touches. */
import { describe, expect, it } from "vitest";
import { reliabilityQualityChecks } from "../../../src/engine/checks/reliability-quality.js";
import type { ChangeCheck } from "../../../src/engine/checks/types.js";
import { PathClassifier } from "../../../src/engine/paths.js";

const check = reliabilityQualityChecks["missing-test-changes"] as ChangeCheck;

function run(changedPaths: string[], options: Record<string, unknown> = {}, classifier = new PathClassifier()) {
  return check.run({ changedPaths, paths: classifier, options });
}

describe("missing-test-changes", () => {
  it("is a change check", () => {
    expect(check.kind).toBe("change");
  });

  it.each([
    [["backend/app/api/users.py"]],
    [["src/server.ts", "README.md"]],
    [["frontend/src/App.tsx", "frontend/src/api.ts"]],
    [["backend/app/core/security.py"]], // core/ holds application code, not configuration
    [["app/main.go"]],
  ])("flags source changes with no test: %j", (paths) => {
    const hits = run(paths);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.path).toBe(paths.find((p) => !p.endsWith(".md")));
    expect(hits[0]!.startLine).toBe(1);
  });

  it.each([
    [["backend/app/api/users.py", "backend/tests/test_users.py"]],
    [["src/server.ts", "src/server.test.ts"]],
    [["src/server.ts", "src/__tests__/server.ts"]],
    [["app/users.py", "app/users_test.py"]],
    [["lib/user.rb", "spec/user_spec.rb"]],
    [["app/main.go", "app/main_test.go"]],
  ])("stays quiet when a test changes too: %j", (paths) => {
    expect(run(paths)).toEqual([]);
  });

  it.each([
    [["README.md", "docs/setup.md"]],
    [["docker-compose.yml", ".github/workflows/ci.yml", "pyproject.toml", "package.json"]],
    [["config/settings.py", "backend/app/config.py", "vite.config.ts"]],
    [["backend/alembic/versions/2025_fix.py"]],
    [["scripts/seed.py", "examples/demo.py"]],
    [["node_modules/x/index.js", "dist/app.js", "package-lock.json"]],
    [["src/types/global.d.ts"]],
    [[]],
  ])("stays quiet on docs-, config-, migration- or script-only changes: %j", (paths) => {
    expect(run(paths)).toEqual([]);
  });

  it("names every changed source file in the message and counts them in the title", () => {
    const [hit] = run(["a/x.py", "a/y.py", "README.md"]);
    expect(hit!.title).toBe("2 source files changed with no test added or changed");
    expect(hit!.message).toContain("`a/x.py`, `a/y.py`");
    expect(hit!.snippet).toBe("a/x.py\na/y.py");
  });

  it("honours min_source_files", () => {
    expect(run(["a/x.py"], { min_source_files: 2 })).toEqual([]);
    expect(run(["a/x.py", "a/y.py"], { min_source_files: 2 })).toHaveLength(1);
  });

  it("honours test globs from the repository config", () => {
    const classifier = new PathClassifier({ test: ["qa/**"] });
    expect(run(["app/users.py", "qa/users_check.py"], {}, classifier)).toEqual([]);
  });
});
