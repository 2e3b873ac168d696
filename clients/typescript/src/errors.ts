import type { Problem } from "./types.js";

/**
 * A call Ludus refused (status 400 and above), or one that got no answer (status 0: `timeout`,
 * `network_error`, `aborted`). `code` is the problem's `error` member, `field` the request member at
 * fault, `problem` the whole problem+json body as the server wrote it.
 */
export class LudusError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly field: string | undefined;
  readonly problem: (Partial<Problem> & Record<string, unknown>) | undefined;
  readonly requestId: string | undefined;
  /** `Retry-After` of the answer, in milliseconds, when it had one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    status: number; code: string; detail?: string | undefined; field?: string | undefined;
    problem?: Record<string, unknown> | undefined; requestId?: string | undefined;
    retryAfterMs?: number | undefined; cause?: unknown; message?: string;
  }) {
    super(init.message ?? `${init.status === 0 ? "no answer" : init.status} ${init.code}`
      + (init.detail ? `: ${init.detail}` : ""), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "LudusError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.field = init.field;
    this.problem = init.problem as LudusError["problem"];
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** A webhook whose signature or timestamp does not verify. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}
