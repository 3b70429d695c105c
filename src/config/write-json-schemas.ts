/** `npm run schema`: rewrite the committed JSON Schemas from the zod source. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { jsonSchemaText, SCHEMA_FILES } from "./json-schema.js";

const dir = fileURLToPath(new URL("../../src/config/schema/", import.meta.url));
for (const file of Object.keys(SCHEMA_FILES) as Array<keyof typeof SCHEMA_FILES>) {
  writeFileSync(`${dir}${file}`, jsonSchemaText(file));
  console.log(`wrote src/config/schema/${file}`);
}
