/**
 * The files that ship the app agree with each other: the Dockerfile runs what the build produces and `npm start`
 * runs, as a non-root user with a health check and no secret baked in; the manifest subscribes to every event the
 * app handles. (No Docker engine runs here, so these are read, not built.)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const dockerfile = readFileSync("Dockerfile", "utf8");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  scripts: Record<string, string>;
  engines: { node: string };
};
const manifest = parse(readFileSync("app.yml", "utf8")) as {
  default_events: string[];
  default_permissions: Record<string, string>;
};

describe("Dockerfile", () => {
  it("runs the entry point npm start runs, which the build compiles from src/main.ts", () => {
    const cmd = dockerfile.match(/^CMD \["node", "([^"]+)"\]/m)?.[1];
    expect(cmd).toBe("dist/main.js");
    expect(pkg.scripts.start).toBe(`node ${cmd}`);
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(`${build.compilerOptions.outDir}/main.js`).toBe(cmd);
    expect(existsSync(`${build.compilerOptions.rootDir}/main.ts`)).toBe(true);
  });

  it("runs as a non-root user with a health check on Probot's /ping", () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/ping/m);
  });

  it("listens on every interface of the container, where GitHub's deliveries arrive", () => {
    // Probot listens on localhost unless HOST says otherwise: only the container itself could reach it.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    const env = [...runtime.matchAll(/^ENV\s+((?:.*\\\n)*.*)$/gm)].flatMap((m) =>
      (m[1] ?? "").split(/\s*\\\n\s*|\s+/).filter(Boolean),
    );
    expect(env).toContain("HOST=0.0.0.0");
  });

  it("installs production dependencies only in the runtime image and bakes in no secret", () => {
    expect(dockerfile).toContain("npm ci --omit=dev");
    expect(dockerfile).not.toMatch(/^(ENV|ARG)\s+.*(TOKEN|PRIVATE_KEY|SECRET)/m);
    expect(readFileSync(".dockerignore", "utf8").split("\n")).toEqual(
      expect.arrayContaining([".env", "*.pem"]),
    );
  });
});

describe("the app build", () => {
  // What tsc compiles for the image: the roots tsconfig.build.json includes AND every file they import, so an app
  // module that imported the sandbox or the benchmark would show here even though the config leaves them out.
  const compiled = () =>
    execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.build.json", "--listFilesOnly"], {
      encoding: "utf8",
    })
      .split("\n")
      .map((file) => relative(process.cwd(), file.trim()))
      .filter((file) => file.startsWith("src/"));

  it("compiles the app and the CLI, and no sandbox or benchmark file", { timeout: 60_000 }, () => {
    const files = compiled();
    expect(files).toEqual(expect.arrayContaining(["src/main.ts", "src/cli/main.ts"]));
    expect(files.filter((file) => /^src\/(sandbox|bench)\//.test(file))).toEqual([]);
  });

  it("leaves the sandbox and the benchmark to their own build, which their scripts run", () => {
    expect(pkg.scripts.sandbox).toBe("npm run build:dev --silent && node dist-dev/sandbox/main.js");
    expect(pkg.scripts.bench).toMatch(/^npm run build:dev --silent && node .*dist-dev\/bench\/main\.js$/);
    expect(pkg.scripts["build:dev"]).toBe("tsc -p tsconfig.dev.json");
    expect(existsSync("src/sandbox/main.ts") && existsSync("src/bench/main.ts")).toBe(true);
  });
});

describe("app.yml", () => {
  it("subscribes to every event family the app handles, and no other", () => {
    const source = readFileSync("src/index.ts", "utf8");
    const subscriptions = [...source.matchAll(/app\.on\(\s*(\[[^\]]*\]|"[^"]+")/g)].map((m) => m[1] ?? "");
    const wired = new Set(
      subscriptions.flatMap((s) => [...s.matchAll(/"([a-z_]+)/g)].map((m) => m[1] as string)),
    );
    expect(wired.size).toBeGreaterThan(0);
    // GitHub sends these to every app without a subscription (and a manifest cannot list them).
    // https://docs.github.com/webhooks/webhook-events-and-payloads#installation
    for (const always of ["installation", "installation_repositories"])
      expect(wired.delete(always)).toBe(true);
    expect(new Set(manifest.default_events)).toEqual(wired);
  });

  it("asks for workflows: write, without which GitHub refuses to add the workflow file", () => {
    expect(manifest.default_permissions).toMatchObject({
      contents: "write",
      workflows: "write",
      pull_requests: "write",
    });
  });
});
