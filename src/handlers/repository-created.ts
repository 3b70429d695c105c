import type { Context } from "probot";
import type { AppDeps } from "./app-deps.js";
import { enqueueRepository, targetOf } from "./enqueue-repository.js";

/** A new repository gets its mapping at once; its PR too, unless it is empty (then the first push opens it). */
export function onRepositoryCreated(deps: AppDeps) {
  return async (context: Context<"repository.created">): Promise<void> => {
    enqueueRepository(deps, context, targetOf(context.payload.repository), "repository created");
  };
}
