import { WebhookVerificationError } from "./errors.js";

/** Headers as a `Headers`, Node's `req.headers`, or a plain object (names in any case). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way; default 300 seconds. */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch, as `Date.now()`. */
  clock?: () => number;
}

const PREFIX = "whsec_";
const encoder = new TextEncoder();

/**
 * Verifies a webhook signed as Standard Webhooks asks and answers its parsed JSON payload: one of the
 * space-separated `v1,<base64>` signatures of `webhook-signature` must be the HMAC-SHA256 of
 * `webhook-id.webhook-timestamp.body` with the `whsec_` secret's key (several signatures come during
 * a secret rotation), and `webhook-timestamp` within the tolerance of now. Pass the raw body, as
 * received, before any JSON parsing. Throws {@link WebhookVerificationError}. Web Crypto only.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, body: string | Uint8Array,
  options: VerifyWebhookOptions = {}): Promise<unknown> {
  const key = await importKey(secret);
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new WebhookVerificationError("webhook-timestamp is not whole seconds since the epoch");
  }
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.clock ?? Date.now)() / 1000);
  const sent = Number(timestamp);
  if (sent < now - tolerance) {
    throw new WebhookVerificationError("webhook-timestamp is too old");
  }
  if (sent > now + tolerance) {
    throw new WebhookVerificationError("webhook-timestamp is too far in the future");
  }
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const signed = concat(encoder.encode(`${id}.${timestamp}.`), bytes);
  const expected = new Uint8Array(await crypto.subtle.sign("HMAC", key, signed));
  for (const candidate of signatures.trim().split(/ +/)) {
    const comma = candidate.indexOf(",");
    if (comma < 0 || candidate.slice(0, comma) !== "v1") {
      continue; // another version: not ours to check
    }
    const given = fromBase64(candidate.slice(comma + 1));
    if (given !== undefined && equal(expected, given)) {
      return JSON.parse(new TextDecoder().decode(bytes));
    }
  }
  throw new WebhookVerificationError("no v1 signature of webhook-signature matches");
}

async function importKey(secret: string): Promise<CryptoKey> {
  if (typeof secret !== "string" || secret.trim() === "") {
    throw new TypeError("secret must be a whsec_ webhook secret");
  }
  const raw = fromBase64(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
  if (raw === undefined || raw.length === 0) {
    throw new TypeError("secret must be whsec_ and base64");
  }
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

function header(headers: WebhookHeaders, name: string): string {
  let value: string | string[] | undefined | null;
  if (typeof (headers as Headers).get === "function") {
    value = (headers as Headers).get(name);
  } else {
    for (const [key, v] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
      if (key.toLowerCase() === name) {
        value = v;
      }
    }
  }
  const text = Array.isArray(value) ? value.join(" ") : value;
  if (text === undefined || text === null || text.trim() === "") {
    throw new WebhookVerificationError(`missing header ${name}`);
  }
  return text.trim();
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
    return undefined;
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Constant time for equal lengths. */
function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= (a[i] as number) ^ (b[i] as number);
  }
  return diff === 0;
}
