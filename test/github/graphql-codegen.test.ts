/**
 * The committed GraphQL types are what GraphQL Code Generator makes from the documents today, validated against
 * GitHub's schema: editing a .graphql file without `npm run codegen` (or the other way round) fails here.
 */
import { readFileSync } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import config, { GENERATED_FILE } from "../../codegen.js";

describe("generated GraphQL operations", () => {
  it("are current with src/github/graphql/*.graphql (run `npm run codegen`)", async () => {
    const outputs: Array<{ filename: string; content: string }> = await generate(
      { ...config, silent: true },
      false,
    );
    expect(outputs.map((o) => o.filename)).toEqual([GENERATED_FILE]);
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(outputs[0]?.content);
  }, 60_000);
});
