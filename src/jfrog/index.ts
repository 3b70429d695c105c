/** Public surface of the JFrog Access OIDC client. */
export { JFrogClient, type JFrogClientOptions, type JFrogScope } from "./client.js";
export { JFrogError, type JFrogErrorKind } from "./errors.js";
export { DEFAULT_RETRY, type RetryPolicy, type Sleep } from "./retry.js";
export { ADMIN_SCOPE, type AdminTokenInfo, EXPIRY_WARNING_DAYS, inspectAdminToken } from "./token-info.js";
export type * from "./types.js";
