import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deepMerge, mergePolicy } from "../../src/config/merge-policy.js";
import { prototypeKeyProblems } from "../../src/config/prototype-keys.js";

describe("merging an org policy with its bases", () => {
  it("keeps a prototype key an own key: the merged object's prototype is untouched", () => {
    const override = parse("__proto__:\n  priority: 1\nclaims:\n  __proto__: {ref: [$any]}\n");
    const merged = mergePolicy({ claims: { environment: ["prod"] } }, override);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged.priority).toBeUndefined();
    expect(Object.keys(merged)).toEqual(["claims", "__proto__"]);
    const claims = merged.claims as Record<string, unknown>;
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(claims.ref).toBeUndefined();
    expect(({} as Record<string, unknown>).priority).toBeUndefined();
  });

  it("replaces token and provider whole, and merges other sections key by key", () => {
    const merged = deepMerge({ workflow: { name: "a", publish: false } }, { workflow: { name: "b" } });
    expect(merged).toEqual({ workflow: { name: "b", publish: false } });
    expect(
      mergePolicy({ token: { scope: "user", username: "u" } }, { token: { scope: "groups", groups: ["g"] } }),
    ).toEqual({ token: { scope: "groups", groups: ["g"] } });
  });

  it("finds every prototype key, at any depth and in lists, by its dotted field", () => {
    const raw = parse("a:\n  - constructor: 1\n  - b: {prototype: 2}\n__proto__: {}\n");
    expect(prototypeKeyProblems(raw, "f").map((p) => p.field)).toEqual([
      "a.0.constructor",
      "a.1.b.prototype",
      "__proto__",
    ]);
  });
});
