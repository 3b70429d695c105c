import type { Ecosystem } from "../config/policy-schema.js";
import { ACTIONS } from "./actions.js";
import { ENV, expression, jfConfig, type Step } from "./step.js";

export interface RecipeOptions {
  /** Whether the workflow publishes, i.e. whether a deploy repository is configured. */
  deploy: boolean;
  /** Files the generic recipe uploads; untrusted, so it only ever travels as step env. */
  uploadPattern: string;
}

/**
 * What the workflow runs for one ecosystem, after checkout and setup-jfrog-cli.
 * `build` must never deploy: it is all that runs when publishing is off, and on pull requests.
 * `publish` is dropped when publishing is off; the renderer adds the pull-request guard and build-info publish.
 */
export type Recipe = (options: RecipeOptions) => { setup: Step[]; build: Step[]; publish: Step[] };

const javaToolchain: Step = {
  name: "Set up Java",
  uses: ACTIONS.setupJava,
  with: { distribution: "temurin", "java-version": "21" },
};

/** The github context reaches scripts through `env:` only (see `ENV`). */
const repositoryNameEnv = { REPOSITORY_NAME: expression("github.event.repository.name") };

export const RECIPES: Readonly<Record<Ecosystem, Recipe>> = {
  npm: ({ deploy }) => ({
    setup: [
      { name: "Set up Node.js", uses: ACTIONS.setupNode, with: { "node-version": "lts/*" } },
      {
        name: "Configure npm to use JFrog",
        run: jfConfig("npm-config", { resolve: ["--repo-resolve"], deploy: ["--repo-deploy"] }, deploy),
      },
    ],
    build: [
      { name: "Install dependencies", run: "jf npm ci" },
      { name: "Build", run: "npm run build --if-present" },
    ],
    publish: [{ name: "Publish package", run: "jf npm publish" }],
  }),

  maven: ({ deploy }) => ({
    setup: [
      javaToolchain,
      {
        name: "Configure Maven to use JFrog",
        run: jfConfig(
          "mvn-config",
          {
            resolve: ["--repo-resolve-releases", "--repo-resolve-snapshots"],
            deploy: ["--repo-deploy-releases", "--repo-deploy-snapshots"],
          },
          deploy,
        ),
      },
    ],
    // JFrog CLI deploys at the install and deploy phases, so the build stops at verify.
    build: [{ name: "Build", run: "jf mvn clean verify" }],
    publish: [{ name: "Deploy artifacts", run: "jf mvn deploy -DskipTests" }],
  }),

  gradle: ({ deploy }) => ({
    setup: [
      javaToolchain,
      {
        name: "Configure Gradle to use JFrog",
        comment:
          "Runs ./gradlew: commit the Gradle wrapper (https://docs.gradle.org/current/userguide/gradle_wrapper.html).",
        run: `${jfConfig("gradle-config", { resolve: ["--repo-resolve"], deploy: ["--repo-deploy"] }, deploy)} \\\n  --use-wrapper`,
      },
    ],
    build: [{ name: "Build", run: "jf gradle clean build" }],
    publish: [{ name: "Publish artifacts", run: "jf gradle artifactoryPublish" }],
  }),

  python: () => ({
    setup: [
      { name: "Set up Python", uses: ACTIONS.setupPython, with: { "python-version": "3.x" } },
      {
        name: "Configure pip to use JFrog",
        run: jfConfig("pip-config", { resolve: ["--repo-resolve"], deploy: [] }, false),
      },
    ],
    build: [
      {
        name: "Install dependencies",
        run: [
          "if [ -f requirements.txt ]; then jf pip install -r requirements.txt; fi",
          "if [ -f pyproject.toml ] || [ -f setup.py ]; then jf pip install .; fi",
        ].join("\n"),
      },
    ],
    publish: [
      {
        name: "Build distributions",
        comment:
          "python -m build fetches the build backend itself (from PyPI unless pip is configured globally).",
        run: "jf pip install build\npython -m build",
      },
      { name: "Upload distributions", run: `jf rt upload "dist/*" "$${ENV.deployRepo}/"` },
    ],
  }),

  go: ({ deploy }) => ({
    setup: [
      { name: "Set up Go", uses: ACTIONS.setupGo, with: { "go-version-file": "go.mod" } },
      {
        name: "Configure Go to use JFrog",
        run: jfConfig("go-config", { resolve: ["--repo-resolve"], deploy: ["--repo-deploy"] }, deploy),
      },
    ],
    build: [{ name: "Build", run: "jf go build ./..." }],
    publish: [
      {
        name: "Publish module",
        comment:
          "A Go module version is a semver tag, so only tag pushes publish and branch pushes only build.\nTo publish, add tag triggers (workflow.triggers.tags, e.g. v*) to the policy.",
        if: "startsWith(github.ref, 'refs/tags/v')",
        run: 'jf go-publish "$GITHUB_REF_NAME"',
      },
    ],
  }),

  docker: ({ deploy }) => ({
    setup: [
      {
        name: "Name the image",
        comment: "The registry is the JFrog host; Docker wants lowercase image names.",
        env: repositoryNameEnv,
        run: [
          'registry="$(printf %s "$JF_URL" | cut -d/ -f3)"',
          "name=\"$(printf %s \"$REPOSITORY_NAME\" | tr '[:upper:]' '[:lower:]')\"",
          'echo "JFROG_REGISTRY=$registry" >> "$GITHUB_ENV"',
          deploy
            ? `echo "IMAGE=$registry/$${ENV.deployRepo}/$name:$GITHUB_SHA" >> "$GITHUB_ENV"`
            : 'echo "IMAGE=$name:$GITHUB_SHA" >> "$GITHUB_ENV"',
        ].join("\n"),
      },
      {
        name: "Log in to the JFrog registry",
        comment:
          "With the short-lived token setup-jfrog-cli obtained through OIDC;\nFROM lines may then pull through JFrog too.",
        env: {
          OIDC_USER: expression("steps.jfrog.outputs.oidc-user"),
          OIDC_TOKEN: expression("steps.jfrog.outputs.oidc-token"),
        },
        run: 'printf \'%s\' "$OIDC_TOKEN" | docker login "$JFROG_REGISTRY" --username "$OIDC_USER" --password-stdin',
      },
    ],
    build: [{ name: "Build image", run: 'jf docker build --tag "$IMAGE" .' }],
    publish: [{ name: "Push image", run: 'jf docker push "$IMAGE"' }],
  }),

  generic: ({ uploadPattern }) => ({
    setup: [],
    build: [{ name: "Check access to JFrog", run: "jf rt ping" }],
    publish: [
      {
        name: "Upload files",
        env: { ...repositoryNameEnv, UPLOAD_PATTERN: uploadPattern },
        run: `jf rt upload "$UPLOAD_PATTERN" "$${ENV.deployRepo}/$REPOSITORY_NAME/"`,
      },
    ],
  }),
};
