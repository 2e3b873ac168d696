// ludus-client/server: the Node-only entry. Everything of "ludus-client", plus the two methods that
// hold a signing secret: HS256 application tokens (API secret) and legacy ECDSA request signing.
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { SignJWT } from "jose";
import { Ludus as BrowserLudus } from "./client.js";
import type { LudusOptions as BrowserLudusOptions, UserAuthentication } from "./client.js";
import type { Authentication, OutgoingRequest, Transport } from "./transport.js";

export * from "./index.js";

export interface ApplicationTokenOptions {
  tenantId: string;
  applicationId: string;
  /** The application's API secret (`sk_...`): the HMAC key is the UTF-8 bytes of the whole string. */
  apiSecret: string;
  /** The tokens' `sub`; default `server`. */
  subject?: string;
  /** Default `["users:read", "users:write"]`; `["admin"]` for rules, webhooks and revocations. */
  scopes?: string[];
  /** Default 300 (5 minutes), at most 86,400. */
  lifetimeSeconds?: number;
}

export interface EcdsaOptions {
  applicationId: string;
  /** The secp256k1 private key: 64 hex characters (with or without `0x`), 32 bytes, or a bigint. */
  privateKey: string | Uint8Array | bigint;
}

export interface LudusOptions extends Omit<BrowserLudusOptions, "applicationToken" | "ecdsa"> {
  /** Mints a short-lived HS256 token for every request with the API secret. */
  applicationToken?: ApplicationTokenOptions;
  /** Legacy ECDSA request signing (deprecated): docs/migrating-from-ecdsa.md. */
  ecdsa?: EcdsaOptions;
}

/** The client, with every authentication method. Node only: never bundle it for a browser. */
export class Ludus extends BrowserLudus {
  constructor(options: LudusOptions) {
    super(options as BrowserLudusOptions);
  }

  protected override authenticate(options: Record<string, unknown>, transport: Transport): UserAuthentication {
    const methods = ["clientCredentials", "token", "applicationToken", "ecdsa"]
      .filter((name) => options[name] !== undefined);
    if (methods.length !== 1) {
      throw new TypeError("choose exactly one authentication method: clientCredentials, applicationToken, ecdsa "
        + "or token" + (methods.length > 1 ? ` (given: ${methods.join(", ")})` : ""));
    }
    if (options.applicationToken !== undefined) {
      return new ApplicationTokenAuthentication(options.applicationToken as ApplicationTokenOptions, transport.clock);
    }
    if (options.ecdsa !== undefined) {
      return new EcdsaAuthentication(options.ecdsa as EcdsaOptions, transport.clock);
    }
    return super.authenticate(options, transport);
  }
}

/**
 * One HS256 application token, e.g. for a browser that asks its back end for a token
 * (`token: () => fetch("/ludus-token").then((r) => r.text())`): `sub` is `options.subject`.
 */
export function mintApplicationToken(options: ApplicationTokenOptions, clock: () => number = Date.now)
  : Promise<string> {
  return new ApplicationTokenAuthentication(options, clock).mint();
}

/** Spec 000's application tokens: `sub iss aud iat exp jti scope`, HS256 with the API secret. */
export class ApplicationTokenAuthentication implements UserAuthentication {
  private readonly key: Uint8Array;
  private readonly subject: string;
  private readonly scopes: string[];
  private readonly lifetimeSeconds: number;

  constructor(private readonly options: ApplicationTokenOptions, private readonly clock: () => number) {
    for (const name of ["tenantId", "applicationId", "apiSecret"] as const) {
      if (typeof options[name] !== "string" || options[name].trim() === "") {
        throw new TypeError(`applicationToken.${name} must not be blank`);
      }
    }
    this.key = new TextEncoder().encode(options.apiSecret);
    this.subject = options.subject ?? "server";
    this.scopes = [...(options.scopes ?? ["users:read", "users:write"])];
    this.lifetimeSeconds = options.lifetimeSeconds ?? 300;
    if (!(this.lifetimeSeconds > 0 && this.lifetimeSeconds <= 86_400)) {
      throw new TypeError("applicationToken.lifetimeSeconds must be above 0 and at most 86400");
    }
  }

  forUser(userId: string): Authentication {
    return new ApplicationTokenAuthentication({ ...this.options, subject: userId, scopes: ["read", "write"] }, this.clock);
  }

  /** A new token: `iat` now by the client's clock, `exp` one lifetime later, a random `jti`. */
  async mint(): Promise<string> {
    const now = Math.floor(this.clock() / 1000);
    return new SignJWT({ scope: this.scopes })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(this.subject)
      .setIssuer(this.options.tenantId)
      .setAudience(this.options.applicationId)
      .setIssuedAt(now)
      .setExpirationTime(now + this.lifetimeSeconds)
      .setJti(globalThis.crypto.randomUUID())
      .sign(this.key);
  }

  async apply(request: OutgoingRequest): Promise<string> {
    const token = await this.mint();
    request.headers.set("Authorization", "Bearer " + token);
    return token;
  }
}

/**
 * Legacy ECDSA signing: secp256k1 over Keccak-256 of
 * `METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))`, deterministic k, low s, sent as
 * `authsignature` (`r||s||v`, v 27 or 28) with `X-Ludus-App`, `X-Ludus-Timestamp` and a fresh
 * `X-Ludus-Nonce`.
 */
export class EcdsaAuthentication implements UserAuthentication {
  private readonly secretKey: Uint8Array;
  private warned = false;

  constructor(private readonly options: EcdsaOptions, private readonly clock: () => number) {
    if (typeof options.applicationId !== "string" || options.applicationId.trim() === "") {
      throw new TypeError("ecdsa.applicationId must not be blank");
    }
    this.secretKey = secretKey(options.privateKey);
  }

  /** The key's address: `0x` and the last 20 bytes of Keccak-256 of the public key, lower case. */
  address(): string {
    return ecdsaAddress(this.secretKey);
  }

  async apply(request: OutgoingRequest): Promise<undefined> {
    if (!this.warned) {
      this.warned = true;
      console.warn(`Ludus application ${this.options.applicationId} signs its requests with ECDSA, which is `
        + "deprecated: move to clientCredentials (docs/migrating-from-ecdsa.md)");
    }
    const timestamp = String(Math.floor(this.clock() / 1000));
    const nonce = bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
    request.headers.set("authsignature", ecdsaSignature(this.secretKey, request.method, request.pathWithQuery,
      timestamp, nonce, request.body));
    request.headers.set("X-Ludus-App", this.options.applicationId);
    request.headers.set("X-Ludus-Timestamp", timestamp);
    request.headers.set("X-Ludus-Nonce", nonce);
    return undefined;
  }
}

/** The `authsignature` of one request: `r||s||v` in hex, 130 characters. */
export function ecdsaSignature(key: Uint8Array, method: string, pathWithQuery: string, timestamp: string,
  nonce: string, body: Uint8Array): string {
  const message = `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${bytesToHex(sha256(body))}`;
  const digest = keccak_256(new TextEncoder().encode(message));
  const recovered = secp256k1.sign(digest, key, { prehash: false, lowS: true, format: "recovered" });
  const v = 27 + (recovered[0] as number);
  return bytesToHex(recovered.subarray(1)) + v.toString(16);
}

/** The address of a secp256k1 private key, as Ludus registers it. */
export function ecdsaAddress(privateKey: string | Uint8Array | bigint): string {
  const publicKey = secp256k1.getPublicKey(secretKey(privateKey), false);
  return "0x" + bytesToHex(keccak_256(publicKey.subarray(1)).subarray(12));
}

function secretKey(privateKey: string | Uint8Array | bigint): Uint8Array {
  let key: Uint8Array;
  if (typeof privateKey === "bigint") {
    key = hexToBytes(privateKey.toString(16).padStart(64, "0"));
  } else if (typeof privateKey === "string") {
    const hex = privateKey.startsWith("0x") ? privateKey.slice(2) : privateKey;
    if (!/^[0-9a-fA-F]{1,64}$/.test(hex)) {
      throw new TypeError("ecdsa.privateKey must be a secp256k1 private key: up to 64 hex characters");
    }
    key = hexToBytes(hex.padStart(64, "0"));
  } else {
    key = privateKey;
  }
  if (key.length !== 32 || !secp256k1.utils.isValidSecretKey(key)) {
    throw new TypeError("ecdsa.privateKey must be a secp256k1 private key (1 to n - 1)");
  }
  return key;
}
