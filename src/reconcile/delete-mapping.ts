/**
 * Deleting the app's mapping is done only once JFrog confirms it is gone from every place it could live: the
 * policy's project AND the global partition. JFrog keeps a mapping whose token scope is not `roles` global whatever
 * project key was sent, and then answers 404 for it inside the project (shared/reference/jfrog-access-oidc.md,
 * "Project scope"), so a 404 in one place proves nothing about the other. A mapping the app does not own is
 * never deleted, wherever it is.
 */

import type { MappingApi, MappingScope } from "../jfrog/mapping-api.js";
import { isOwnedByApp } from "./desired-mapping.js";

export async function deleteMappingEverywhere(
  jfrog: MappingApi,
  provider: string,
  name: string,
  scope: MappingScope,
): Promise<void> {
  const places: MappingScope[] = scope.projectKey ? [scope, {}] : [{}];
  for (const place of places) {
    const found = await jfrog.getMapping(provider, name, place);
    if (!found || !isOwnedByApp(found)) continue;
    await jfrog.deleteMapping(provider, name, place);
    if (await jfrog.getMapping(provider, name, place))
      throw new Error(
        `JFrog still has the identity mapping ${name}${where(place)} after deleting it: the delete is retried`,
      );
  }
}

function where(place: MappingScope): string {
  return place.projectKey ? ` in project ${place.projectKey}` : " (global)";
}
