/** Rewrites the generated README sections (rule list, config reference) and the JSON Schemas. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_FILES, jsonSchemaText } from "../src/config/json-schemas.js";
import { renderReadme } from "../src/docs/readme-sections.js";
import { loadRules } from "../src/engine/load-rules.js";

writeFileSync("README.md", await renderReadme(readFileSync("README.md", "utf8"), loadRules()));
for (const [file, schema] of Object.entries(SCHEMA_FILES)) writeFileSync(join("schema", file), jsonSchemaText(schema));
console.log("README.md and schema/ regenerated");
