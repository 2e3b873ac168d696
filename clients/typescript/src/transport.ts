import { LudusError } from "./errors.js";

/** What an authentication method sees of a request before it is sent, and may add headers to. */
export interface OutgoingRequest {
  readonly method: string;
  /** The path with its query string, as sent (`/v1/users/u%201?limit=5`). */
  readonly pathWithQuery: string;
  /** The exact body bytes, or an empty array. */
  readonly body: Uint8Array;
  readonly headers: Headers;
}

/** One authentication method: sets the request's credentials, and says whether a refusal is worth one more try. */
export interface Authentication {
  /** Adds the credentials; answers the credential used (a token), for {@link rejected}. */
  apply(request: OutgoingRequest): Promise<string | undefined>;
  /** True when `error` (a 401) means the credential went stale and the call should be sent once more. */
  rejected?(error: LudusError, credential: string | undefined): boolean;
}

export interface TransportOptions {
  baseUrl: string;
  fetch?: typeof fetch | undefined;
  /** Milliseconds since the epoch, as `Date.now()`; tests inject their own. */
  clock?: (() => number) | undefined;
  /** Per attempt; default 30 s. */
  timeoutMs?: number | undefined;
  /** Retries of 429 and 503 (and, for writes sent with an idempotency key, of timeouts and broken connections); default 2. */
  maxRetries?: number | undefined;
  /** The longest wait before a retry; a `Retry-After` asking for more is not waited for. Default 30 s. */
  maxRetryDelayMs?: number | undefined;
  /**
   * The languages answers should name rules in, sent as `Accept-Language` on every request
   * (`"fr, en;q=0.5"`): answers about a user without a `locale` of their own pick the names in it, else
   * the application's `default_language`. Default: none of the SDK's (a browser sends its user's own).
   */
  acceptLanguage?: string | undefined;
}

export interface CallOptions {
  /** Aborts the call (and its retries). */
  signal?: AbortSignal | undefined;
}

export interface RequestSpec extends CallOptions {
  query?: Record<string, string | number | boolean | undefined | null> | undefined;
  body?: unknown;
  /** Sent as `Idempotency-Key` on every attempt. */
  idempotencyKey?: string | undefined;
  /** The server applies it once however often it is sent: timeouts and broken connections are retried too. */
  resendable?: boolean | undefined;
}

const FIRST_BACKOFF_MS = 200;
const EMPTY: Uint8Array<ArrayBuffer> = new Uint8Array(0);
const encoder = new TextEncoder();

/** Builds `/a/b` paths from segments, each percent-encoded as one segment. */
export function path(strings: TemplateStringsArray, ...values: string[]): string {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    if (typeof value !== "string" || value.length === 0) {
      throw new TypeError(`a path parameter must be a non-empty string (in ${strings.join("{}")})`);
    }
    if (/^\.+$/.test(value) && value.length <= 2) {
      // fetch's URL parser reads "." and ".." (even percent-encoded) as relative segments.
      throw new TypeError(`"${value}" cannot be sent as a path segment: URLs resolve it as a relative path`);
    }
    out += encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
      + (strings[i + 1] ?? "");
  });
  return out;
}

/** fetch with Ludus's errors, retries, timeouts and authentication. Stateless. */
export class Transport {
  readonly base: string;
  readonly clock: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxRetryDelayMs: number;
  private readonly acceptLanguage: string | undefined;

  constructor(options: TransportOptions) {
    if (typeof options.baseUrl !== "string" || !/^https?:\/\//.test(options.baseUrl)) {
      throw new TypeError("baseUrl must be an http:// or https:// URL");
    }
    this.base = options.baseUrl.replace(/\/+$/, "");
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") {
      throw new TypeError("no fetch: run on Node 20+ or a browser, or pass options.fetch");
    }
    this.fetchImpl = fetchImpl;
    this.clock = options.clock ?? Date.now;
    this.timeoutMs = positive(options.timeoutMs, 30_000, "timeoutMs");
    this.maxRetries = options.maxRetries ?? 2;
    if (!Number.isInteger(this.maxRetries) || this.maxRetries < 0) {
      throw new TypeError("maxRetries must be a whole number, 0 or more");
    }
    this.maxRetryDelayMs = positive(options.maxRetryDelayMs, 30_000, "maxRetryDelayMs");
    this.acceptLanguage = languages(options.acceptLanguage);
  }

  /** Sends the call; answers the parsed JSON body, or undefined for an empty one (204). */
  async call<T>(auth: Authentication, method: string, pathOnly: string, spec: RequestSpec = {}): Promise<T> {
    const response = await this.exchange(auth, method, pathOnly, spec, "application/json", false);
    const text = await response.text();
    return (text.length === 0 ? undefined : JSON.parse(text)) as T;
  }

  /**
   * `GET` with `Accept: accept`, retried and re-authenticated as {@link call} is, answering the body of
   * a 2xx answer unread, as it arrives: the caller reads it (a line at a time, never all of it in
   * memory) and cancels it when it stops early. `timeoutMs` bounds the wait for the answer to begin,
   * not the reading of its body; `spec.signal` aborts both.
   */
  async stream(auth: Authentication, pathOnly: string, accept: string, spec: RequestSpec = {})
    : Promise<ReadableStream<Uint8Array>> {
    const response = await this.exchange(auth, "GET", pathOnly, spec, accept, true);
    if (response.body === null) {
      return new ReadableStream({ start: (controller) => controller.close() });
    }
    return response.body;
  }

  /** Sends the request until it is answered below 300 (retries, one more try after a stale credential), or throws. */
  private async exchange(auth: Authentication, method: string, pathOnly: string, spec: RequestSpec, accept: string,
    streaming: boolean): Promise<Response> {
    const pathWithQuery = pathOnly + queryString(spec.query);
    const body = spec.body === undefined ? EMPTY : encoder.encode(JSON.stringify(spec.body));
    let reauthenticated = false;
    let retries = 0;
    for (;;) {
      const headers = new Headers({ Accept: accept });
      if (this.acceptLanguage !== undefined) {
        headers.set("Accept-Language", this.acceptLanguage);
      }
      if (body.length > 0) {
        headers.set("Content-Type", "application/json");
      }
      if (spec.idempotencyKey !== undefined) {
        headers.set("Idempotency-Key", spec.idempotencyKey);
      }
      const credential = await auth.apply({ method, pathWithQuery, body, headers });
      let response: Response;
      try {
        response = await this.send(method, pathWithQuery, headers, body, spec.signal, streaming);
      } catch (unanswered) {
        const error = unanswered as LudusError;
        // A write sent with its key may or may not have been applied: sent again, it is applied once.
        if (spec.resendable && error.code !== "aborted" && retries < this.maxRetries) {
          await sleep(this.backoff(undefined, retries) ?? this.maxRetryDelayMs, spec.signal);
          retries++;
          continue;
        }
        throw error;
      }
      if (response.status < 300) {
        return response;
      }
      const failure = await this.failure(response);
      if ((response.status === 429 || response.status === 503) && retries < this.maxRetries) {
        const wait = this.backoff(failure.retryAfterMs, retries);
        if (wait !== undefined) {
          await sleep(wait, spec.signal);
          retries++;
          continue;
        }
      }
      if (response.status === 401 && !reauthenticated && auth.rejected?.(failure, credential)) {
        reauthenticated = true;
        continue;
      }
      throw failure;
    }
  }

  /**
   * One attempt. `timeoutMs` bounds the whole exchange, body included; for a `streaming` answer only the
   * wait for its status and headers.
   */
  private async send(method: string, pathWithQuery: string, headers: Headers, body: Uint8Array<ArrayBuffer>,
    signal: AbortSignal | undefined, streaming = false): Promise<Response> {
    if (signal?.aborted) {
      throw new LudusError({ status: 0, code: "aborted", detail: `${method} ${pathWithQuery.split("?")[0]} was aborted` });
    }
    let timeout: AbortSignal;
    let answered = () => {};
    if (streaming) {
      const late = new AbortController();
      const timer = setTimeout(() => late.abort(new DOMException("no answer in time", "TimeoutError")), this.timeoutMs);
      timeout = late.signal;
      answered = () => clearTimeout(timer);
    } else {
      timeout = AbortSignal.timeout(this.timeoutMs);
    }
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const what = `${method} ${pathWithQuery.split("?")[0]}`;
    // called as a plain function, never as a method of this object: a browser's fetch (the default, or
    // window.fetch passed as options.fetch) called with another `this` throws "Illegal invocation"
    const send = this.fetchImpl;
    try {
      return await send(this.base + pathWithQuery, {
        method, headers, body: body.length > 0 ? body : null, signal: combined, redirect: "manual",
      });
    } catch (cause) {
      if (signal?.aborted) {
        throw new LudusError({ status: 0, code: "aborted", detail: `${what} was aborted`, cause });
      }
      if (timeout.aborted) {
        throw new LudusError({ status: 0, code: "timeout", detail: `${what} got no answer in ${this.timeoutMs} ms`, cause });
      }
      throw new LudusError({ status: 0, code: "network_error", detail: `${what} failed: ${(cause as Error).message}`, cause });
    } finally {
      answered();
    }
  }

  /** The wait before retry `retries + 1`, or undefined when the server asks for longer than allowed. */
  private backoff(retryAfterMs: number | undefined, retries: number): number | undefined {
    if (retryAfterMs !== undefined) {
      return retryAfterMs > this.maxRetryDelayMs ? undefined : retryAfterMs;
    }
    const exponential = FIRST_BACKOFF_MS * 2 ** Math.min(retries, 16);
    return Math.min(exponential / 2 + Math.random() * (exponential / 2), this.maxRetryDelayMs);
  }

  private async failure(response: Response): Promise<LudusError> {
    const raw = await response.text();
    let code = `http_${response.status}`;
    let detail: string | undefined = raw.length > 0 ? raw.slice(0, 500) : undefined;
    let field: string | undefined;
    let problem: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
        problem = parsed as Record<string, unknown>;
        code = text(problem.error) ?? code;
        detail = text(problem.detail) ?? text(problem.error_description);
        field = text(problem.field);
      }
    } catch {
      // not JSON: the raw text is the detail
    }
    return new LudusError({
      status: response.status, code, detail, field, problem,
      requestId: response.headers.get("X-Request-Id") ?? undefined,
      retryAfterMs: retryAfter(response.headers.get("Retry-After"), this.clock()),
    });
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function positive(value: number | undefined, otherwise: number, name: string): number {
  if (value === undefined) {
    return otherwise;
  }
  if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
    throw new TypeError(`${name} must be a number above 0`);
  }
  return value;
}

/**
 * The `acceptLanguage` option, checked once: the characters a browser sends in `Accept-Language` without
 * asking the server first (a CORS preflight, which Ludus refuses for that header), which are all that
 * language ranges and weights need.
 */
function languages(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== "string" || value.trim() === "" || !/^[0-9A-Za-z *,.;=-]{1,128}$/.test(value)) {
    throw new TypeError(`acceptLanguage must be an Accept-Language value such as "fr, en;q=0.5": 1 to 128 `
      + "letters, digits, spaces and * , . ; = - (got " + JSON.stringify(value) + ")");
  }
  return value.trim();
}

function queryString(query: RequestSpec["query"]): string {
  if (!query) {
    return "";
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) {
      params.append(name, String(value));
    }
  }
  const encoded = params.toString().replace(/\+/g, "%20");
  return encoded.length > 0 ? "?" + encoded : "";
}

/** `Retry-After` as seconds or an HTTP-date, in milliseconds; undefined when absent or unreadable. */
export function retryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LudusError({ status: 0, code: "aborted", detail: "aborted while waiting to retry" }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LudusError({ status: 0, code: "aborted", detail: "aborted while waiting to retry" }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
