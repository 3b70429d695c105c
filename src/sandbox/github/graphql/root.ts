/** The root `Query` and `Mutation` fields the emulator serves; any other field answers "not implemented". */
import { type GraphQLContext, visibleRepo } from "./context.js";
import { createCommitOnBranch } from "./create-commit.js";
import { TypedGraphQLError } from "./errors.js";
import { organizationNode, repositoryNode } from "./repo-nodes.js";

export function queryRoot(ctx: GraphQLContext) {
  const { store } = ctx.core;
  return {
    repository: ({ owner, name }: { owner: string; name: string }) =>
      repositoryNode(ctx, visibleRepo(ctx, owner, name)),
    organization: ({ login }: { login: string }) => {
      const org = store.org(login);
      if (!org || org.id !== ctx.installation.account.id)
        throw new TypedGraphQLError(
          "NOT_FOUND",
          `Could not resolve to an Organization with the login of '${login}'.`,
        );
      return organizationNode(ctx, org);
    },
  };
}

export function mutationRoot(ctx: GraphQLContext) {
  return {
    createCommitOnBranch: (args: Parameters<typeof createCommitOnBranch>[1]) =>
      createCommitOnBranch(ctx, args),
  };
}
