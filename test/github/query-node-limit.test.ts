/**
 * GitHub's node limit, computed from the documents themselves the way GitHub does: every connection's `first`
 * multiplied by the `first` of each connection above it, summed
 * (https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api#node-limit).
 * The numbers are documented in repository-facts-fragment.ts and observe-organization.ts: change them together.
 */
import { type FragmentDefinitionNode, Kind, parse, type SelectionSetNode } from "graphql";
import { describe, expect, it } from "vitest";
import {
  ObserveOrganizationDocument,
  ObserveRepositoryDocument,
} from "../../src/github/graphql/operations.generated.js";

interface Measure {
  nodes: number;
  maxFirst: number;
}

function measure(document: string): Measure {
  const ast = parse(document);
  const fragments = new Map(
    ast.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const result: Measure = { nodes: 0, maxFirst: 0 };
  const walk = (set: SelectionSetNode | undefined, multiplier: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD)
        walk(fragments.get(selection.name.value)?.selectionSet, multiplier);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, multiplier);
      else {
        const first = selection.arguments?.find((a) => a.name.value === "first")?.value;
        if (first?.kind === Kind.INT) {
          const n = Number(first.value);
          result.maxFirst = Math.max(result.maxFirst, n);
          result.nodes += multiplier * n;
          walk(selection.selectionSet, multiplier * n);
        } else walk(selection.selectionSet, multiplier);
      }
    }
  };
  const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind === Kind.OPERATION_DEFINITION) walk(operation.selectionSet, 1);
  return result;
}

describe("GraphQL node limits", () => {
  it("a page of 100 repositories asks for 23,100 nodes, under 5% of GitHub's 500,000", () => {
    const org = measure(ObserveOrganizationDocument.toString());
    expect(org).toEqual({ nodes: 23_100, maxFirst: 100 });
    expect(org.nodes).toBeLessThanOrEqual(500_000);
  });

  it("one repository asks for 230 nodes with the same selection", () => {
    expect(measure(ObserveRepositoryDocument.toString())).toEqual({ nodes: 230, maxFirst: 20 });
  });
});
