import nock from "nock";
import { afterEach, beforeAll } from "vitest";

// No test reaches the real network: only loopback (the sandbox's emulators) is allowed.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});
