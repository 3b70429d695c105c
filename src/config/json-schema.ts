/**
 * JSON Schemas for editors, generated from the same zod schemas that parse the files, so they cannot disagree.
 * Committed under src/config/schema/ (a test fails when they are stale; `npm run schema` rewrites them).
 */
import { z } from "zod";
import { policySchema, repoConfigSchema } from "./policy-schema.js";

export const SCHEMA_FILES = {
  "jfrog-oidc.org.schema.json": { title: "jfrog-oidc-rollout org policy", schema: policySchema },
  "jfrog-oidc.repo.schema.json": { title: "jfrog-oidc-rollout repository config", schema: repoConfigSchema },
} as const;

export function jsonSchemaText(file: keyof typeof SCHEMA_FILES): string {
  const { title, schema } = SCHEMA_FILES[file];
  // `input`: what a person writes (defaults make fields optional), not what the app sees after parsing.
  const json = { title, ...z.toJSONSchema(schema, { io: "input" }) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
