export { CONDITIONAL_CLAIMS, GITHUB_CLAIMS, type MintTokenOptions } from "./claims.js";
export { type OidcIssuer, type OidcIssuerOptions, startOidcIssuer } from "./issuer.js";
