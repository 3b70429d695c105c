/**
 * Delivers webhooks to the app like GitHub does: JSON body, `X-GitHub-Event`, `X-GitHub-Delivery` (a GUID that a
 * redelivery keeps), `X-Hub-Signature-256`, a 10-second timeout, and a delivery log with each attempt's status so
 * failed deliveries can be listed and redelivered (`GET /app/hook/deliveries`, `POST …/{id}/attempts`).
 * https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers
 */
import { randomUUID } from "node:crypto";
import { signatures } from "./signature.js";

export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliveryRecord {
  id: number;
  guid: string;
  deliveredAt: Date;
  redelivery: boolean;
  /** Seconds the app took to answer. */
  duration: number;
  /** `OK`, `Invalid HTTP Response: 400`, `failed to connect to host` or `timed out`. */
  status: string;
  /** 0 when there was no HTTP answer. */
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  request: { headers: Record<string, string>; payload: unknown };
  response: { headers: Record<string, string>; payload: string };
}

export interface SendOptions {
  /** Sign with this secret instead of the app's (a forged delivery). */
  secret?: string;
  /** Send this signature header as-is; `null` sends none. */
  signature?: string | null;
  /** Reuse a delivery GUID (what a redelivery, or a duplicate delivery from GitHub, looks like). */
  guid?: string;
}

/** GitHub gives up on a delivery after 10 seconds (shared/reference/github.md). */
const TIMEOUT_MS = 10_000;

interface Payload {
  action?: unknown;
  installation?: { id?: unknown };
  repository?: { id?: unknown };
}

export class WebhookSender {
  readonly #log: DeliveryRecord[] = [];
  #nextId = 1;
  #inFlight = 0;
  #waiters: Array<() => void> = [];
  /** Background deliveries go one after another, in the order GitHub would have queued them. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly now: () => Date,
    private readonly hookId: number,
    private readonly appId: () => number | undefined,
    public target: WebhookTarget | undefined,
  ) {}

  get deliveries(): readonly DeliveryRecord[] {
    return [...this.#log];
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Resolves once no delivery is being sent or waiting to be. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Sends now and resolves with the delivery's record (never rejects: failures are recorded). */
  send(event: string, payload: object, options: SendOptions = {}): Promise<DeliveryRecord> {
    return this.#track(() => this.#deliver(event, payload, options, false));
  }

  /** Queues a delivery behind the earlier background ones (what GitHub does after a change). */
  enqueue(event: string, payload: object): void {
    const next = this.#chain.then(() => this.#deliver(event, payload, {}, false));
    this.#chain = next.catch(() => undefined);
    void this.#track(() => next);
  }

  /** Sends a logged delivery again with the same GUID and body, as a new attempt marked `redelivery`. */
  async redeliver(id: number): Promise<DeliveryRecord | undefined> {
    const original = this.#log.find((d) => d.id === id);
    if (!original) return undefined;
    return this.#track(() =>
      this.#deliver(original.event, original.request.payload as object, { guid: original.guid }, true),
    );
  }

  async #track<T>(work: () => Promise<T>): Promise<T> {
    this.#inFlight += 1;
    try {
      return await work();
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) for (const resolve of this.#waiters.splice(0)) resolve();
    }
  }

  async #deliver(
    event: string,
    payload: object,
    options: SendOptions,
    redelivery: boolean,
  ): Promise<DeliveryRecord> {
    const body = JSON.stringify(payload);
    const guid = options.guid ?? randomUUID();
    const headers: Record<string, string> = {
      accept: "*/*",
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/emulator",
      "x-github-event": event,
      "x-github-delivery": guid,
      "x-github-hook-id": String(this.hookId),
      "x-github-hook-installation-target-type": "integration",
      "x-github-hook-installation-target-id": String(this.appId() ?? 0),
    };
    const secret = options.secret ?? this.target?.secret;
    if (options.signature !== undefined) {
      if (options.signature !== null) headers["x-hub-signature-256"] = options.signature;
    } else if (secret) {
      const signed = signatures(secret, body);
      headers["x-hub-signature-256"] = signed.sha256;
      headers["x-hub-signature"] = signed.sha1;
    }
    const p = payload as Payload;
    const record: DeliveryRecord = {
      id: this.#nextId++,
      guid,
      deliveredAt: this.now(),
      redelivery,
      duration: 0,
      status: "",
      statusCode: 0,
      event,
      action: typeof p.action === "string" ? p.action : null,
      installationId: typeof p.installation?.id === "number" ? p.installation.id : null,
      repositoryId: typeof p.repository?.id === "number" ? p.repository.id : null,
      request: { headers, payload: JSON.parse(body) },
      response: { headers: {}, payload: "" },
    };
    this.#log.push(record);
    const started = performance.now();
    if (!this.target) {
      record.status = "failed to connect to host";
      return record;
    }
    try {
      const response = await fetch(this.target.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      record.statusCode = response.status;
      record.status = response.ok ? "OK" : `Invalid HTTP Response: ${response.status}`;
      record.response = { headers: Object.fromEntries(response.headers), payload: await response.text() };
    } catch (error) {
      record.status = (error as Error).name === "TimeoutError" ? "timed out" : "failed to connect to host";
    }
    record.duration = Math.round(performance.now() - started) / 1000;
    return record;
  }
}
