import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PrefilterIndex } from "../../src/engine/prefilter.js";

describe("PrefilterIndex", () => {
  it("finds overlapping and nested tokens", () => {
    const index = new PrefilterIndex(["exec", "execute(", "ab", "bc", "process.env", "env", "$queryRaw"]);
    expect([...index.scan("x.execute(q); abc; process.env.X; $queryRaw`...`")].sort()).toEqual(["$queryRaw", "ab", "bc", "env", "exec", "execute(", "process.env"]);
    expect([...index.scan("nothing here")]).toEqual([]);
  });

  it("agrees with String.includes on generated text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "b", "(", ".", "$") }), { minLength: 1, maxLength: 12 }), fc.string({ maxLength: 80, unit: fc.constantFrom("a", "b", "(", ".", "$", "x") }), (tokens, text) => {
        const found = new PrefilterIndex(tokens).scan(text);
        for (const t of tokens) expect(found.has(t)).toBe(text.includes(t));
      }),
      { numRuns: 2000 },
    );
  });
});
