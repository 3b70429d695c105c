import { describe, expect, test } from "vitest";
import type { Ecosystem } from "../../src/config/policy-schema.js";
import { detectEcosystem } from "../../src/workflow/detect-ecosystem.js";

describe("detectEcosystem", () => {
  test.each<[string, string[], Ecosystem]>([
    ["package.json", ["README.md", "package.json"], "npm"],
    ["pom.xml", ["pom.xml"], "maven"],
    ["build.gradle", ["build.gradle"], "gradle"],
    ["build.gradle.kts", ["build.gradle.kts"], "gradle"],
    ["settings.gradle", ["settings.gradle"], "gradle"],
    ["settings.gradle.kts", ["settings.gradle.kts", "gradlew"], "gradle"],
    ["pyproject.toml", ["pyproject.toml"], "python"],
    ["setup.py", ["setup.py"], "python"],
    ["setup.cfg", ["setup.cfg"], "python"],
    ["requirements.txt", ["requirements.txt"], "python"],
    ["go.mod", ["go.mod", "go.sum"], "go"],
    ["Dockerfile", ["Dockerfile"], "docker"],
    ["nothing known", ["README.md", "LICENSE"], "generic"],
    ["an empty repository", [], "generic"],
    ["names are case-sensitive", ["dockerfile", "Package.json"], "generic"],
    ["only root names count", ["web/package.json"], "generic"],
  ])("%s", (_, files, expected) => {
    expect(detectEcosystem(files)).toBe(expected);
  });

  test.each<[string, string[], Ecosystem]>([
    ["a language build file beats a Dockerfile", ["Dockerfile", "package.json"], "npm"],
    ["Maven beats front-end tooling", ["package.json", "pom.xml"], "maven"],
    ["Maven beats Gradle", ["build.gradle", "pom.xml"], "maven"],
    ["Gradle beats Python scripts", ["requirements.txt", "build.gradle.kts"], "gradle"],
    ["Go beats npm", ["package.json", "go.mod"], "go"],
    ["npm beats Python", ["requirements.txt", "package.json"], "npm"],
    ["Python beats a Dockerfile", ["Dockerfile", "pyproject.toml"], "python"],
  ])("precedence: %s", (_, files, expected) => {
    expect(detectEcosystem(files)).toBe(expected);
  });
});
