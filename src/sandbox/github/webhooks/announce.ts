/**
 * Turns a change into a webhook the way GitHub decides it: only to the app's installation on the repository's
 * owner, only if that installation can see the repository and subscribes to the event. The payload is built at
 * once, so it shows the world as it was when the change happened, not when the delivery leaves.
 */
import type { Core } from "../core.js";
import type { Announce } from "../operations.js";

export function announcer(core: Pick<Core, "store" | "urls" | "webhooks">): Announce {
  return (repo, sender, event, build) => {
    const { store } = core;
    const installation = store.installationFor(repo.owner);
    if (!installation || installation.suspended || !store.canSee(installation, repo)) return;
    if (!installation.events.includes(event)) return;
    const users = (login: string) => store.addUser(login);
    core.webhooks.enqueue(event, build({ urls: core.urls, installation, sender, users }));
  };
}
