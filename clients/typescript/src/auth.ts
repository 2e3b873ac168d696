import type { LudusError } from "./errors.js";
import type { Authentication, OutgoingRequest, Transport } from "./transport.js";
import type { AuthToken } from "./types.js";

/** The refusals that mean a token went stale: drop it, get another, send the call once more. */
const STALE = new Set(["token_revoked", "token_expired", "invalid_token"]);
/** Ask for a new auth token when this much or less is left (spec 003). */
export const RENEW_BEFORE_MS = 30 * 60_000;
/** When the server hands back the same token (its clock is behind ours), look again after this. */
const SAME_TOKEN_RECHECK_MS = 60_000;

/** A fixed header value (HTTP Basic for `POST /v1/auth_token`). */
export function headerAuthentication(value: string): Authentication {
  return {
    async apply(request: OutgoingRequest) {
      request.headers.set("Authorization", value);
      return undefined;
    },
  };
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) {
    binary += String.fromCharCode(b);
  }
  return btoa(binary);
}

interface Cached {
  readonly token: string;
  readonly expiresAt: number;
  readonly renewAt: number;
}

/**
 * Spec 003's auth tokens: `POST /v1/auth_token` with HTTP Basic, the token cached and sent as Bearer
 * until it has 30 minutes or less left by the client's clock; then one request for a new one,
 * shared by every call that needs it meanwhile.
 */
export class ClientCredentialsAuthentication implements Authentication {
  private readonly basic: Authentication;
  private cached: Cached | undefined;
  private refreshing: Promise<Cached> | undefined;

  constructor(private readonly transport: Transport, clientId: string, clientSecret: string) {
    if (typeof clientId !== "string" || clientId.trim() === "" || clientId.includes(":")) {
      throw new TypeError("clientCredentials.clientId must be a non-blank client id without ':'");
    }
    if (typeof clientSecret !== "string" || clientSecret.trim() === "") {
      throw new TypeError("clientCredentials.clientSecret must not be blank");
    }
    this.basic = headerAuthentication("Basic " + base64(`${clientId}:${clientSecret}`));
  }

  async apply(request: OutgoingRequest): Promise<string> {
    const token = await this.token();
    request.headers.set("Authorization", "Bearer " + token);
    return token;
  }

  rejected(error: LudusError, credential: string | undefined): boolean {
    if (credential === undefined || !STALE.has(error.code)) {
      return false;
    }
    this.forget(credential);
    return true;
  }

  /** The cached token, or a new one when it has 30 minutes or less left. */
  async token(): Promise<string> {
    const current = this.cached;
    if (current !== undefined && this.transport.clock() < current.renewAt) {
      return current.token;
    }
    if (this.refreshing === undefined) {
      this.refreshing = this.fetchToken().finally(() => {
        this.refreshing = undefined;
      });
    }
    return (await this.refreshing).token;
  }

  private async fetchToken(): Promise<Cached> {
    const answer = await this.transport.call<AuthToken>(this.basic, "POST", "/v1/auth_token");
    const now = this.transport.clock();
    const expiresAt = answer.expiration * 1000;
    let renewAt = expiresAt - RENEW_BEFORE_MS;
    if (now >= renewAt) {
      // The server still finds more than 30 minutes left (its clock is behind ours): use this
      // token and ask again in a minute rather than on every call.
      renewAt = now + SAME_TOKEN_RECHECK_MS;
    }
    this.cached = { token: answer.token, expiresAt, renewAt };
    return this.cached;
  }

  /** Ends the cached token at the server (`DELETE /v1/auth_token`) and forgets it. */
  async invalidate(): Promise<void> {
    const current = this.cached;
    if (current === undefined) {
      return;
    }
    try {
      await this.transport.call(headerAuthentication("Bearer " + current.token), "DELETE", "/v1/auth_token");
    } catch (error) {
      if ((error as LudusError).status !== 401) { // already invalid: forgetting it is all that is left
        throw error;
      }
    } finally {
      this.forget(current.token);
    }
  }

  private forget(token: string): void {
    if (this.cached?.token === token) {
      this.cached = undefined;
    }
  }
}

/** A token given by the caller: a string, or a function asked before every call (a browser's own back end). */
export class GivenTokenAuthentication implements Authentication {
  constructor(private readonly token: string | (() => string | Promise<string>)) {
    if (!(typeof token === "function" || (typeof token === "string" && token.trim() !== ""))) {
      throw new TypeError("token must be a non-blank string or a function answering one");
    }
  }

  async apply(request: OutgoingRequest): Promise<string> {
    const token = typeof this.token === "function" ? await this.token() : this.token;
    request.headers.set("Authorization", "Bearer " + token);
    return token;
  }

  rejected(error: LudusError): boolean {
    // A function may answer a fresh token when asked again; a fixed string cannot.
    return typeof this.token === "function" && STALE.has(error.code);
  }
}
