export { claimMatches, mismatchedClaims, selectMapping } from "../../jfrog/claim-matching.js";
export type { FaultHandle, FaultSpec } from "../shared/faults.js";
export type { RequestRecord } from "../shared/request-log.js";
export {
  type EmulatorState,
  type JFrogEmulator,
  type JFrogEmulatorOptions,
  MAX_BODY_BYTES,
  startJFrogEmulator,
} from "./emulator.js";
export type { StoredIntegration } from "./validate-integration.js";
