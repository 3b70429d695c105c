/**
 * Who may run what, asked of GitHub at the time of the command (a comment's `author_association` is not proof).
 * - `repository` commands: the `maintain` or `admin` role on the repository. GitHub reports custom roles by their
 *   own name, and their base role `maintain` as the legacy `write`, so a custom role is refused (fail closed).
 * - `org` commands: only in the organization's `.github` repository, and only for an org owner (membership role
 *   `admin`; needs the app's `members: read` organization permission). On a personal account: its owner.
 * Each answer is looked up once per comment.
 */
import type { ProbotOctokit } from "probot";
import { ORG_CONFIG_REPO } from "../config/load-org-policy.js";
import { code } from "./markdown.js";
import { httpStatus } from "./rest.js";

/**
 * Who may run a command (commands/catalog.ts): `anyone` who can comment; `repository`: maintain or admin on the
 * repository; `org`: an org owner, in `.github`.
 */
export type Access = "anyone" | "repository" | "org";

export interface Place {
  owner: string;
  ownerType: "Organization" | "User";
  repo: string;
}

export type Decision = { allowed: true } | { allowed: false; reason: string };

const REPOSITORY_ROLES = new Set(["admin", "maintain"]);

export class Authorizer {
  #role: Promise<string | null> | undefined;
  #owner: Promise<Decision> | undefined;

  constructor(
    private readonly octokit: ProbotOctokit,
    private readonly place: Place,
    private readonly login: string,
  ) {}

  async check(access: Access): Promise<Decision> {
    if (access === "anyone") return { allowed: true };
    if (access === "repository") return this.#repository();
    return this.#org();
  }

  async #repository(): Promise<Decision> {
    this.#role ??= this.#fetchRole();
    const role = await this.#role;
    if (role !== null && REPOSITORY_ROLES.has(role)) return { allowed: true };
    const fullName = `${this.place.owner}/${this.place.repo}`;
    const yours = role === null ? "you are not a collaborator" : `your role is ${code(role)}`;
    return {
      allowed: false,
      reason: `this command needs the **maintain** or **admin** role on ${code(fullName)}; ${yours}.`,
    };
  }

  async #fetchRole(): Promise<string | null> {
    try {
      const { data } = await this.octokit.request(
        "GET /repos/{owner}/{repo}/collaborators/{username}/permission",
        { owner: this.place.owner, repo: this.place.repo, username: this.login },
      );
      return data.role_name;
    } catch (error) {
      if (httpStatus(error) === 404) return null;
      throw error;
    }
  }

  async #org(): Promise<Decision> {
    if (this.place.repo.toLowerCase() !== ORG_CONFIG_REPO)
      return {
        allowed: false,
        reason: `org-level commands run only in the organization's ${code(`${this.place.owner}/${ORG_CONFIG_REPO}`)} repository.`,
      };
    this.#owner ??= this.#fetchOwner();
    return this.#owner;
  }

  async #fetchOwner(): Promise<Decision> {
    const refuse = (why: string): Decision => ({
      allowed: false,
      reason: `this command needs the **owner** role in the ${code(this.place.owner)} organization; ${why}.`,
    });
    if (this.place.ownerType === "User")
      return this.login.toLowerCase() === this.place.owner.toLowerCase()
        ? { allowed: true }
        : refuse("on a personal account only its owner has it");
    try {
      const { data } = await this.octokit.request("GET /orgs/{org}/memberships/{username}", {
        org: this.place.owner,
        username: this.login,
      });
      if (data.state === "active" && data.role === "admin") return { allowed: true };
      return refuse(`your membership role is ${code(data.state === "active" ? data.role : data.state)}`);
    } catch (error) {
      if (httpStatus(error) === 404) return refuse("you are not a member");
      if (httpStatus(error) === 403)
        return refuse(
          "the app could not check (it needs the `members: read` organization permission; an org owner can accept it in the installation settings)",
        );
      throw error;
    }
  }
}
