/**
 * The org policy only accepts GitHub's real issuer (`https://token.actions.githubusercontent.com`), so the JFrog
 * integration trusts that URL. This fetch sends requests for it to the local OIDC issuer instead, and refuses
 * every other non-loopback URL: the sandbox never reaches the real network.
 */
export function aliasedFetch(publicIssuer: string, localIssuer: string): typeof fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const target = url.startsWith(publicIssuer) ? `${localIssuer}${url.slice(publicIssuer.length)}` : url;
    if (!/^http:\/\/127\.0\.0\.1[:/]/.test(target))
      return Promise.reject(new Error(`the sandbox does not reach the network (${url})`));
    return fetch(target, init);
  };
}
