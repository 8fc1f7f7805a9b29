/** Writes schema/*.json from the zod schemas (see src/config/json-schemas.ts). */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_FILES, jsonSchemaText } from "../src/config/json-schemas.js";

for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(join("schema", file), jsonSchemaText(schema));
  console.log(`wrote schema/${file}`);
}
