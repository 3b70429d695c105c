/**
 * The GitHub App key pair every test signs its app JWTs with. Generating an RSA key costs tens of milliseconds and
 * every suite used to make its own the same way; one pair per test process is enough (nothing in a test depends on
 * the key being unique, only on the app and the emulator agreeing on it).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

export interface AppKeyPair {
  /** PKCS#1 PEM, the form GitHub hands out when an app's private key is generated. */
  privateKey: string;
  /** The same key as PKCS#8 PEM (both forms are accepted by Probot and by the settings check). */
  privateKeyPkcs8: string;
  /** SPKI PEM, what the GitHub emulator verifies app JWTs with. */
  publicKey: string;
}

let pair: AppKeyPair | undefined;

export function appKeyPair(): AppKeyPair {
  if (!pair) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    const privateKeyPkcs8 = createPrivateKey(privateKey).export({ type: "pkcs8", format: "pem" }).toString();
    pair = { privateKey, privateKeyPkcs8, publicKey };
  }
  return pair;
}

/** The same pair as Node key objects, for code that signs or verifies with `node:crypto` or jose directly. */
export function appKeyObjects(): { privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey, publicKey } = appKeyPair();
  return { privateKey: createPrivateKey(privateKey), publicKey: createPublicKey(publicKey) };
}

let foreign: KeyObject | undefined;

/** A private key that is NOT the app's: what a forged app JWT is signed with. */
export function foreignPrivateKey(): KeyObject {
  foreign ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return foreign;
}
