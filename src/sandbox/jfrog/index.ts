export type { FaultHandle, FaultSpec } from "../shared/faults.js";
export { MAX_BODY_BYTES } from "../shared/http.js";
export type { RequestRecord } from "../shared/request-log.js";
export {
  type EmulatorState,
  type JFrogEmulator,
  type JFrogEmulatorOptions,
  startJFrogEmulator,
} from "./emulator.js";
export { GRANT_TYPE, ID_TOKEN_TYPE } from "./token-exchange.js";
export type { StoredIntegration } from "./validate-integration.js";
