import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILES, jsonSchemaText } from "../../src/config/json-schemas.js";

describe("published JSON Schemas", () => {
  it.each(Object.keys(SCHEMA_FILES))("schema/%s matches the zod schema (run `npm run docs` after changing it)", (file) => {
    expect(readFileSync(join("schema", file), "utf8")).toBe(jsonSchemaText(SCHEMA_FILES[file]!));
  });
});
