import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderReadme } from "../../src/docs/readme-sections.js";
import { loadRules } from "../../src/engine/load-rules.js";

describe("README", () => {
  it("its rule list, config reference and sample review match the code (run `npm run docs`)", async () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toBe(await renderReadme(readme, loadRules()));
  });

  it("starts with the two commands: install + demo, and the tests", () => {
    const head = readFileSync("README.md", "utf8").split("\n").slice(0, 30).join("\n");
    expect(head).toContain("npm ci && npm run demo");
    expect(head).toContain("npm test");
  });
});
