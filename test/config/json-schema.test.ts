import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { jsonSchemaText, SCHEMA_FILES } from "../../src/config/json-schema.js";

describe("committed JSON Schemas", () => {
  it.each(Object.keys(SCHEMA_FILES) as Array<keyof typeof SCHEMA_FILES>)(
    "%s matches the zod source (run `npm run schema`)",
    (file) => {
      expect(readFileSync(`src/config/schema/${file}`, "utf8")).toBe(jsonSchemaText(file));
    },
  );

  it("rejects unknown keys for editors too", () => {
    const schema = JSON.parse(jsonSchemaText("jfrog-oidc.org.schema.json"));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["provider", "token"]);
  });
});
