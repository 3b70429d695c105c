/** Users, bots and organizations as GitHub renders them in REST answers and webhook payloads. */
import type { Organization, User } from "@octokit/webhooks-types";
import type { Account, Org } from "../state/model.js";
import { examplesOf, retarget } from "./templates.js";
import type { Urls } from "./urls.js";

export function userShape(urls: Urls, account: Account): User {
  const template = examplesOf.repositoryCreated().sender;
  const user = retarget(template, [
    [`https://api.github.com/users/${template.login}`, `${urls.api}/users/${account.login}`],
    [`https://github.com/${template.login}`, `${urls.html}/${account.login}`],
    [`/u/${template.id}?`, `/u/${account.id}?`],
  ]);
  return { ...user, login: account.login, id: account.id, node_id: account.nodeId, type: account.type };
}

export function orgShape(urls: Urls, org: Org): Organization {
  const template = examplesOf.repositoryCreated().organization as Organization;
  const shaped = retarget(template, [
    [`https://api.github.com/orgs/${template.login}`, `${urls.api}/orgs/${org.login}`],
    [`https://github.com/${template.login}`, `${urls.html}/${org.login}`],
    [`/u/${template.id}?`, `/u/${org.id}?`],
  ]);
  return { ...shaped, login: org.login, id: org.id, node_id: org.nodeId, description: null };
}
