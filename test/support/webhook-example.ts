/** One of GitHub's own webhook payloads (`@octokit/webhooks-examples`), copied so a test may change it. */
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };

type Example = { name: string; examples: Array<Record<string, unknown>> };

export function example<T>(event: string, pick: (e: Record<string, unknown>) => boolean): T {
  const found = (examples as Example[]).find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching ${event} example`);
  return structuredClone(found) as T;
}
