/** What every part of the GitHub emulator shares: state, operations, tokens, webhooks, clock and accounting. */
import type { TokenStore } from "./auth/tokens.js";
import type { ContentBudget } from "./limits.js";
import type { Operations } from "./operations.js";
import type { Urls } from "./shapes/urls.js";
import type { GitHubStore } from "./state/store.js";
import type { Usage } from "./usage.js";
import type { WebhookSender } from "./webhooks/sender.js";

export interface Core {
  store: GitHubStore;
  ops: Operations;
  tokens: TokenStore;
  webhooks: WebhookSender;
  urls: Urls;
  now: () => Date;
  budget: ContentBudget;
  usage: Usage;
}
