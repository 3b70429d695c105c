/**
 * Redis mode: a slash-command's job is durable from its claim. The app is SIGKILLed the moment its 👀 lands on the
 * comment, before any reply; the next process takes the job once its lock lapses and answers the comment, once.
 */
import { describe, expect, it } from "vitest";
import { ORG, ORG_ADMIN } from "../../src/sandbox/world.js";
import { until } from "../support/until.js";
import { logTail } from "./support/app-process.js";
import { isOnboarded } from "./support/chaos-world.js";
import { killWhen } from "./support/observe-app.js";
import { useChaosWorld } from "./support/use-chaos-world.js";

const APP_BOT = "jfrog-oidc-rollout[bot]";
const world = useChaosWorld({ mode: "redis", replicas: 1, env: { SWEEP_INTERVAL: "1h" } });

describe("a command killed between its claim and its reply (Redis mode)", () => {
  it("is answered once after the restart", async () => {
    world.createRepository("cmd");
    await until("cmd is onboarded", () => isOnboarded(world.onboarding("cmd")), 30_000);
    const pull = world.github.repository(ORG, "cmd").pulls[0]?.number ?? 0;
    const replica = world.replicas.at(-1);
    if (!replica) throw new Error("no replica");

    let commentId = 0;
    const claimed = () =>
      world.github
        .repository(ORG, "cmd")
        .comments.some((c) => c.id === commentId && c.reactions.some((r) => r.user === APP_BOT));
    const killed = killWhen(world, replica, () => commentId > 0 && claimed());
    commentId = world.github.comment(ORG, "cmd", pull, "/jfrog-oidc status", ORG_ADMIN);
    await killed;
    const replies = () =>
      world.github
        .repository(ORG, "cmd")
        .comments.filter((c) => c.author === APP_BOT && c.body.includes(`comment=${commentId} `));
    expect(replies()).toEqual([]);

    const next = await world.startReplica();
    await until("the comment is answered", () => replies().length > 0, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail(next)}`);
    });
    const comment = world.github.repository(ORG, "cmd").comments.find((c) => c.id === commentId);
    expect(comment?.reactions).toEqual([{ content: "eyes", user: APP_BOT }]);
    expect(replies()).toHaveLength(1);
  });
});
