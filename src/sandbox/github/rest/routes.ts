/** Every REST route the GitHub emulator serves (each one exists in GitHub's OpenAPI description: a test checks). */
import { appRoutes } from "./app-routes.js";
import { checkRoutes } from "./check-routes.js";
import { issueBodyRoutes } from "./issue-body-routes.js";
import { issueRoutes } from "./issue-routes.js";
import { peopleRoutes } from "./people-routes.js";
import { pullFileRoutes } from "./pull-file-routes.js";
import { pullRoutes } from "./pull-routes.js";
import { repoRoutes } from "./repo-routes.js";
import type { RestRoute } from "./route.js";

export const REST_ROUTES: readonly RestRoute[] = [
  ...appRoutes,
  ...repoRoutes,
  ...pullRoutes,
  ...pullFileRoutes,
  ...issueRoutes,
  ...issueBodyRoutes,
  ...checkRoutes,
  ...peopleRoutes,
];
