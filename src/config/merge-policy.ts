/**
 * How an org policy and the bases it `_extends` combine: the extending file wins, key by key. Every key is set as
 * an own property (never `out[key] = …`, which for `__proto__` would set the prototype): prototype keys are refused
 * before merging (prototype-keys.ts), and this keeps the merge safe even if one slipped through.
 */
import { isPlainObject } from "./plain-object.js";
import { defineOwn } from "./prototype-keys.js";

/**
 * Sections whose fields only make sense together are replaced whole: merging `token: {scope: groups, groups}`
 * over a base `token: {scope: user, username}` key by key would yield a token spec neither file wrote.
 */
const REPLACED_WHOLE = new Set(["provider", "token"]);

export function mergePolicy(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const out = deepMerge(base, override);
  for (const key of REPLACED_WHOLE) if (Object.hasOwn(override, key)) defineOwn(out, key, override[key]);
  return out;
}

/** Objects merge key by key; anything else (arrays included) is replaced by the overriding value. */
export function deepMerge(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(base)) defineOwn(out, key, ownValue(base, key));
  for (const key of Object.keys(override)) {
    const current = Object.hasOwn(out, key) ? ownValue(out, key) : undefined;
    const value = ownValue(override, key);
    defineOwn(out, key, isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value);
  }
  return out;
}

function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.getOwnPropertyDescriptor(object, key)?.value;
}
