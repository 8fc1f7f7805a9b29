/**
 * JSON Schemas generated from the zod schemas, for editor completion in
 * `.github/taxon.yml` and rule files. `npm run docs` writes them to
 * schema/; a test fails when the files drift from the zod source.
 */
import { z } from "zod";
import { RuleFile } from "../engine/rule-schema.js";
import { TaxonConfig } from "./schema.js";

export const SCHEMA_FILES: Record<string, z.ZodType> = {
  "taxon-config.schema.json": TaxonConfig,
  "rule.schema.json": RuleFile,
};

export function jsonSchemaText(schema: z.ZodType): string {
  return JSON.stringify(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }), null, 2) + "\n";
}
