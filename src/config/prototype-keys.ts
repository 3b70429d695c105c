/**
 * `__proto__`, `constructor` and `prototype` as keys of a config file. The `yaml` library keeps `__proto__` as an own
 * key, but any plain assignment of it (`out[key] = value` while merging) sets the object's PROTOTYPE instead: its
 * values then reach the app through inheritance while a strict schema, which only sees own keys, never reports them.
 * Such keys are refused in every file, at any depth, before anything is merged or parsed.
 */
import type { ConfigProblem } from "./config-problem.js";
import { isPlainObject } from "./plain-object.js";

const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function prototypeKeyProblems(value: unknown, file: string, path: string[] = []): ConfigProblem[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => prototypeKeyProblems(item, file, [...path, String(index)]));
  if (!isPlainObject(value)) return [];
  return Object.getOwnPropertyNames(value).flatMap((key) => {
    const field = [...path, key];
    const here: ConfigProblem[] = PROTOTYPE_KEYS.has(key)
      ? [{ file, field: field.join("."), message: `\`${key}\` is not allowed as a key` }]
      : [];
    return [
      ...here,
      ...prototypeKeyProblems(Object.getOwnPropertyDescriptor(value, key)?.value, file, field),
    ];
  });
}

/** Sets `key` as an own property, whatever its name: never the prototype (see above). */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
