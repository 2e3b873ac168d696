// Generated from server/src/main/resources/openapi.yaml by scripts/generate-types.mjs
// (openapi-typescript). Do not edit: run `npm run generate` after changing the spec.

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description 200 while the process serves HTTP.
         */
        get: operations["healthLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 while the store answers `SELECT 1` within 2 seconds (getting a connection included), on SQLite the data directory has at least 16 MiB free, and the HTTP listener accepts connections; 503 otherwise, with the failing check `DOWN`.
         */
        get: operations["healthReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text format 0.0.4 (`Content-Type: text/plain; version=0.0.4; charset=utf-8`).
         *     Ludus's own series: `http_server_requests_seconds` (summary; tags `method`, `route`,
         *     `status`), `ludus_auth_failures_total` (tag `error`), `ludus_operator_auth_failures_total`
         *     (tag `error`), `ludus_store_batch_size` (summary of the writes committed per transaction by
         *     the group commit; tag `writer`); plus JVM and process series.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /** This contract */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenants
         * @description Every tenant of the server, in tenant id order, paged.
         */
        get: operations["listTenants"];
        put?: never;
        /** Create a tenant */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /** Read a tenant */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a tenant
         * @description Gives the tenant a new name; its id (the `iss` of its applications' tokens) stays. Recorded
         *     in the audit log as `tenant.renamed`, unless the name is the one it has.
         */
        patch: operations["renameTenant"];
        trace?: never;
    };
    "/admin/v1/tenants/{tenant_id}/applications": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /**
         * List a tenant's applications
         * @description Every application of the tenant, in application id order, without secrets, paged.
         */
        get: operations["listApplications"];
        put?: never;
        /**
         * Create an application
         * @description Creates an application with a new API secret (`sk_...`), client credentials
         *     (`cid_...`, `cs_...`) for `POST /v1/auth_token` whose tokens carry the client scopes
         *     `["users:read","users:write"]`, default scopes `["read","write"]`, a maximum token lifetime
         *     of 86400 seconds and ECDSA allowed. The API secret and the client secret are shown in this
         *     answer only. (`client_scopes` is not part of this answer; read the application to see it.)
         */
        post: operations["createApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        /** Read an application */
        get: operations["getApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change an application's settings
         * @description Members left out (or `null`) keep their value. Token verification on every node uses the
         *     new settings within one second; `max_token_lifetime_seconds` applies to tokens already
         *     issued too (application tokens only: server tokens live 8 hours whatever the setting).
         *     A change of `client_scopes` applies to the next server token: the next
         *     `POST /v1/auth_token` issues a new token with the new scopes, while tokens already issued
         *     keep their scopes until they expire (revoke the client id as `subject` to end them).
         */
        patch: operations["updateApplication"];
        trace?: never;
    };
    "/admin/v1/applications/{application_id}/secret/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an application's API secret
         * @description Issues a new API secret. The secret it replaces keeps verifying tokens for `grace_seconds`
         *     (default 86400); `0` is the emergency refresh: it stops at once. A secret still in the grace
         *     period of an earlier rotation stops at once, so at most two secrets are ever valid.
         */
        post: operations["rotateApplicationSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/applications/{application_id}/client_secret/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an application's client secret
         * @description Issues a new client secret (`cs_...`) for `POST /v1/auth_token` and the `/oauth/...`
         *     endpoints. The secret it replaces keeps authenticating the client for `grace_seconds`
         *     (default 86400); `0` ends it at once. A secret still in the grace period of an earlier
         *     rotation ends at once, so at most two client secrets are ever valid. Only a SHA-256 hash of
         *     the new secret is stored.
         *
         *     With a grace period, tokens already issued stay valid, and `POST /v1/auth_token` with the
         *     new secret hands out the client's current token while it has more than 30 minutes left.
         *     `grace_seconds: 0` is the emergency refresh: the old secret dies at once and so does every
         *     server token issued to the client so far (revoked by its client id in the same
         *     transaction); the next `POST /v1/auth_token` with the new secret gets a new token.
         */
        post: operations["rotateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/applications/{application_id}/ecdsa_keys": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        /** List the legacy ECDSA keys of an application */
        get: operations["listEcdsaKeys"];
        put?: never;
        /**
         * Register a legacy ECDSA key of an application
         * @description Registers an Ethereum-style secp256k1 key, by its address, for legacy ECDSA request signing
         *     (scheme `ecdsaSignature`; deprecated, see `docs/migrating-from-ecdsa.md`). Requests it signs
         *     get `scopes` (default `["users:read","users:write"]`). Addresses compare case-insensitively
         *     and are stored and answered in lower case; an address in mixed case must carry a valid
         *     EIP-55 checksum. Every node accepts the key within one second (the node that took the call
         *     at once).
         */
        post: operations["addEcdsaKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/applications/{application_id}/ecdsa_keys/{address}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
                /**
                 * @description `0x` and 40 hex digits, in any case; mixed case must carry a valid EIP-55 checksum
                 *     (otherwise 400 `invalid_request`, `field` `address`).
                 */
                address: components["parameters"]["EcdsaAddress"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a legacy ECDSA key of an application
         * @description Requests the key signs are refused with `invalid_signature` from now on: at once on the node
         *     that took the call, within one second on the others.
         */
        delete: operations["removeEcdsaKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/application": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Read the calling application
         * @description The settings of the application named by the token's `aud`. Scope `admin`.
         */
        get: operations["getOwnApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change the calling application's settings
         * @description As `PATCH /admin/v1/applications/{application_id}`, for the application named by the
         *     token's `aud`. Scope `admin`.
         */
        patch: operations["updateOwnApplication"];
        trace?: never;
    };
    "/v1/application/secret/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the calling application's API secret
         * @description As `POST /admin/v1/applications/{application_id}/secret/rotate`, for the application named
         *     by the token's `aud`. Scope `admin`. After an emergency refresh (`grace_seconds: 0`) the
         *     token that made the call no longer verifies either: sign the next one with the new secret.
         */
        post: operations["rotateOwnSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/application/client_secret/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the calling application's client secret
         * @description As `POST /admin/v1/applications/{application_id}/client_secret/rotate`, for the application
         *     named by the token's `aud`. Scope `admin`.
         */
        post: operations["rotateOwnClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/application/ecdsa_keys": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List the legacy ECDSA keys of the calling application
         * @description Scope `admin`.
         */
        get: operations["listOwnEcdsaKeys"];
        put?: never;
        /**
         * Register a legacy ECDSA key of the calling application
         * @description As `POST /admin/v1/applications/{application_id}/ecdsa_keys`, for the calling application.
         *     Scope `admin`.
         */
        post: operations["addOwnEcdsaKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/application/ecdsa_keys/{address}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description `0x` and 40 hex digits, in any case; mixed case must carry a valid EIP-55 checksum
                 *     (otherwise 400 `invalid_request`, `field` `address`).
                 */
                address: components["parameters"]["EcdsaAddress"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a legacy ECDSA key of the calling application
         * @description As `DELETE /admin/v1/applications/{application_id}/ecdsa_keys/{address}`, for the calling
         *     application. Scope `admin`.
         */
        delete: operations["removeOwnEcdsaKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/verify": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Check a token
         * @description Validates the bearer token and says who it authenticates. Any valid token will do, an
         *     application token (`method: jwt`) or a server token from `POST /v1/auth_token`
         *     (`method: auth_token`, `subject` = the client id, `token_id` = its `jti`), or a legacy
         *     ECDSA signature (`method: ecdsa`, `subject` = the signing key's address, `token_id` = the
         *     nonce); no scope is needed. `scopes` lists the granted scopes (the token's known `scope` names, or the
         *     application's default scopes when an application token has no `scope`), not the scopes
         *     they imply.
         */
        get: operations["verifyToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/revocations": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke tokens of the calling application
         * @description Give exactly one of:
         *
         *     - `jti`: the token with that `jti`, refused until now + 30 days (the longest possible
         *       token lifetime).
         *     - `token`: a whole token of this application that carries a `jti` (its signature is not
         *       checked); refused until its `exp`.
         *     - `subject`: every token of that `sub` issued so far. The client id as `subject` covers the
         *       server tokens of the application's client.
         *     - `all: true`: every token of the application issued so far, server tokens included.
         *
         *     Applies to both kinds of token: a server token is revoked by its `jti` (`at_...`) like an
         *     application token. A server token covered by a revocation is also forgotten as the
         *     client's current token, so `POST /v1/auth_token` never hands it out again.
         *
         *     "Issued so far" is second-granular: every token whose `iat` is at or before the second of
         *     the revocation is refused (`issued_before` is the next whole second). Mint replacement
         *     tokens at least one second later. A revocation is durable, in force on the node that took
         *     it when the call returns, and on the other nodes sharing the database within one second.
         *     Scope `admin`.
         */
        post: operations["revokeTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth_token": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get the client's auth token (spec 003)
         * @description Authenticates the application's client with HTTP Basic,
         *     `Authorization: Basic base64(client_id:client_secret)` (UTF-8), and answers its current
         *     server token: an EdDSA (Ed25519) JWT that lives 8 hours and authenticates every `/v1`
         *     endpoint as `Authorization: Bearer <token>`.
         *
         *     - While the current token has **more than 30 minutes** left, the answer is that **same
         *       token** (same string, same `expiration`).
         *     - With **30 minutes or less** left (or none, or invalidated, or revoked, or the
         *       application's `client_scopes` changed), a **new token** with a full 8 hours.
         *
         *     Claims: `iss` (`LUDUS_ISSUER`, default `http://localhost:<port>`), `aud` (application id),
         *     `sub` (client id), `iat`, `exp` (`iat` + 28800), `jti` (`at_...`), `scope` (array: the
         *     application's `client_scopes`, default `users:read`, `users:write`). Header:
         *     `alg` `EdDSA`, `typ` `JWT`, `kid` `lk_...` (a key of `/.well-known/jwks.json`).
         *
         *     Only requests with valid client credentials count against the client's rate limit, a token
         *     bucket per client and node (`LUDUS_AUTH_TOKEN_RATE`, default 10 per second;
         *     `LUDUS_AUTH_TOKEN_BURST`, default 20); over it, 429 with `Retry-After`.
         *     The request body, if any, is ignored.
         */
        post: operations["issueAuthToken"];
        /**
         * Invalidate the auth token that makes the call
         * @description Send the server token to invalidate as `Authorization: Bearer <token>`. From then on it is
         *     refused with `token_revoked` (on every node sharing the database within one second), and
         *     the next `POST /v1/auth_token` issues a new token: the invalidated one is never handed out
         *     again. Invalidating a token that is already invalid answers 401 (`token_revoked`,
         *     `token_expired`, ...). An application token (or an ECDSA-signed request) answers 400:
         *     revoke application tokens at `POST /v1/auth/revocations`. No scope is needed.
         */
        delete: operations["invalidateAuthToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys of server tokens
         * @description The JWK set (RFC 7517) of every published Ludus signing key: the key that signs new tokens
         *     and, after a rotation, the previous keys until their last token has expired (8 hours and
         *     60 seconds after the rotation). Ed25519 keys as `OKP` JWKs (RFC 8037). Pick the key by the
         *     token's `kid`; when a token names a `kid` you do not have, fetch the set again.
         */
        get: operations["jwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * OAuth 2.0 authorization server metadata
         * @description RFC 8414 metadata, so that OAuth libraries (openid-client, Spring Security, ...) configure
         *     themselves from the issuer alone. Every URL derives from `LUDUS_ISSUER`, the `iss` of server
         *     tokens: put the address clients reach there. Ludus has no authorization endpoint (the client
         *     credentials grant needs none), so `response_types_supported` is empty.
         */
        get: operations["authorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/signing_keys/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate Ludus's signing key
         * @description Creates a new Ed25519 key that signs every server token issued from now on, in one
         *     transaction. The previous keys stay published at `/.well-known/jwks.json` and keep
         *     verifying the tokens they signed for `grace_seconds` (default 28860: 8 hours and 60
         *     seconds, so no token is cut short; a client's current token signed with them is still
         *     handed out by `POST /v1/auth_token` until it has 30 minutes or less left). `grace_seconds: 0`
         *     withdraws a leaked key at once: its tokens are refused (`invalid_token`) and clients get
         *     new ones at their next `POST /v1/auth_token`. Other nodes sharing the database follow within
         *     one second.
         */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/audit": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Every entry of the audit log
         * @description Every change made by hand, on the whole server, newest first: server-wide ones (a signing
         *     key rotation) have no `tenant_id` nor `application_id`. See `docs/audit.md`.
         */
        get: operations["listAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/v1/stats": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Usage figures of every application, by hour, day or week
         * @description `GET /v1/stats` for the whole server: every application's counters added up (a user of two
         *     applications counts as two active users), or one application's with `application_id`.
         *     See `docs/stats.md`.
         */
        get: operations["getServerStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * The application's audit log
         * @description The changes made by hand to the calling application (its rules, settings, secrets, keys,
         *     revocations and webhooks), newest first. Scope `admin`. See `docs/audit.md`.
         */
        get: operations["listOwnAuditEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/export/events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Every event of the application, streamed as NDJSON or CSV
         * @description The application's events received in `[from, to)`, in the order they were committed, one a
         *     line: NDJSON (`{"id", "user_id", "metric", "value", "occurred_at", "received_at",
         *     "attributes"}` a line, the default) or CSV with `Accept: text/csv` (a header line, the same
         *     columns, `attributes` as JSON text, RFC 4180 quoting). Streamed as it is read, a chunk at a
         *     time, so an export of any size takes constant memory on the server; the events are those
         *     committed when the export starts. To resume a broken download, pass the last `id` received as
         *     `after`. Scope `admin`. See docs/exports.md.
         */
        get: operations["exportEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/export/users": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Every user of the application with their totals, balances and achievements
         * @description The application's users in id order, one a line. NDJSON (the default): the profile's members
         *     (`id`, `name`, `email`, `timezone`, `locale`, `attributes`, `created_at`, `updated_at`,
         *     `last_active_at`, `flagged_at`, `control_group`), then `metrics` (totals by metric), `points`
         *     (balances by points system) and `achievements` (unlock instants by achievement). CSV (`Accept:
         *     text/csv`): the profile's columns, then a column `metric:<key>` per active metric and
         *     `points:<key>` per active points system, then `achievements` (the keys, space-separated).
         *     Streamed a chunk at a time; resume with the last `id` received as `after`. Scope `admin`.
         */
        get: operations["exportUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/export": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Everything Ludus holds about one user (for access requests)
         * @description One JSON document: `application_id`, `user_id`, `exported_at`, `profile` (as `GET
         *     /v1/users/{id}`), then every row held about the user, table by table: `metrics`, `points`,
         *     `achievements`, `streaks`, `quests`, `attributes`, `events`, `points_history`,
         *     `streak_periods`, `quest_history`, `redemptions`, `teams`, `leaderboard_scores` and
         *     `webhook_messages` (the messages about them kept for delivery). Rows are as stored, without
         *     the application and user ids; instants are RFC 3339 text, amounts decimals, stored JSON is
         *     JSON. Streamed as it is read. `read` for the token's own subject, `users:read` for anyone.
         */
        get: operations["exportUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stats": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * The application's usage figures, by hour, day or week
         * @description Counters kept at write time, in UTC hour buckets (or UTC days, or weeks from Monday): events, active users,
         *     points awarded per points system, achievements unlocked per achievement, streaks extended
         *     and lost per streak, webhook delivery attempts by outcome, and requests by authentication
         *     method. Event counts commit with the events; request counts are kept in memory and written
         *     every 10 seconds (this node's before it answers). Scope `admin`. See `docs/stats.md`.
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 2.0 client credentials grant
         * @description RFC 6749 section 4.4. Client authentication by HTTP Basic or by the form members
         *     `client_id` and `client_secret` (one or the other, not both). Without `scope`, or with
         *     exactly the client's scopes, the answer is the client's current token, the same one
         *     `POST /v1/auth_token` answers (same 30-minute rule). With a narrower `scope` (a
         *     space-separated subset of the application's `client_scopes`), a separate, fresh 8-hour
         *     token with just those scopes, issued anew on every request and not remembered as the
         *     client's current token. Counts against the client's rate limit.
         */
        post: operations["oauthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/revoke": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 2.0 token revocation
         * @description RFC 7009. Client authentication as for `/oauth/token`. A valid token of the client's
         *     application is revoked: a server token as by `DELETE /v1/auth_token` (and the client's
         *     current token is forgotten, so the next request issues a new one), an application token
         *     by its `jti` (an application token without `jti` is left alone). A token that is invalid,
         *     expired, already revoked or of another application answers 200 as well, and nothing
         *     happens (RFC 7009 section 2.2). `token_type_hint` is accepted and ignored.
         */
        post: operations["oauthRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/introspect": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 2.0 token introspection
         * @description RFC 7662. Client authentication as for `/oauth/token`. A token that passes every check of
         *     the validation table (signature, times, revocation) and belongs to the client's
         *     application answers `active: true` with its claims; any other token answers exactly
         *     `{"active":false}`. Works for server tokens and application tokens alike.
         *     `token_type_hint` is accepted and ignored.
         */
        post: operations["oauthIntrospect"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List metrics
         * @description In key order; archived metrics only with `include_archived=true`. Scope `read`.
         */
        get: operations["listMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a metric
         * @description Archived metrics too (with `archived_at`). Scope `read`.
         */
        get: operations["getMetric"];
        /**
         * Define, change or restore a metric
         * @description A metric is a named quantity; each event adds its `value` to the user's total of the metric.
         *     Creates the metric (201), replaces its definition (200), or restores an archived one (201).
         *     The whole definition is replaced: a member left out takes its default. Scope `admin`.
         *     See `docs/rules.md`.
         */
        put: operations["putMetric"];
        post?: never;
        /**
         * Archive a metric
         * @description Archives the metric: it no longer takes events (400 `unknown_metric`) and is no longer
         *     listed by default, but users' totals and events stay, and `PUT` restores it. Refused with
         *     409 `rule_in_use` while an active points system, achievement or streak refers to it.
         *     Archiving an archived metric changes nothing (204). Scope `admin`.
         */
        delete: operations["archiveMetric"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/points": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List points systems
         * @description In key order; archived systems only with `include_archived=true`. Scope `read`.
         */
        get: operations["listPointsSystems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/points/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a points system
         * @description Archived systems too (with `archived_at`). Scope `read`.
         */
        get: operations["getPointsSystem"];
        /**
         * Define, change or restore a points system
         * @description A points system: triggers that award whole points (per unit of a metric, when an
         *     achievement unlocks, or each time a user's run in a streak grows to a given length), an
         *     optional cap on the balance, whether the balance may go below zero, and levels as ascending
         *     thresholds on the balance. Creates (201), replaces (200) or restores an archived system
         *     (201). Every metric, achievement and streak a trigger names must be defined and active,
         *     else 400 `unknown_rule` listing them in `missing`.
         *
         *     A change applies from then on: points already awarded are never recomputed. Each metric
         *     trigger carries its remainder (units short of the next `per`) from event to event; changing
         *     only its `points` keeps the remainder, changing its `metric`, `per` or `filter` starts it
         *     afresh. Levels always follow the current balance with the current thresholds. Scope `admin`.
         *     See `docs/rules.md`.
         */
        put: operations["putPointsSystem"];
        post?: never;
        /**
         * Archive a points system
         * @description Archives the system: its triggers stop awarding, adjustments answer 404, and it is no longer
         *     listed by default; balances and history stay, and `PUT` restores it. Refused with 409
         *     `rule_in_use` while an active achievement rewards points in it or an active reward costs
         *     points in it. Archiving an archived
         *     system changes nothing (204). Scope `admin`.
         */
        delete: operations["archivePointsSystem"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/points/{key}/seasons": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * The seasons of a points system
         * @description The season running now and the seasons that ended, newest first, with how many users held
         *     points at their end. A season's standings fill in as its balances end: at each user's next
         *     write, or by the expiry sweep (within `LUDUS_EXPIRY_SWEEP_INTERVAL` for most). 404 when the
         *     system was never defined (an archived one is found).
         */
        get: operations["listPointsSeasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/points/{key}/seasons/{season}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The season's key (`2027`, `2027-Q1`, `2027-03`, `2027-03-01`); another form -> 400 naming `season`. */
                season: string;
            };
            cookie?: never;
        };
        /**
         * The final standings of a season
         * @description The users whose balance was not zero at the season's end, by that balance, highest first
         *     (then by user id), with their level then; equal points share a rank. Level names are in the
         *     request's `Accept-Language`, else the application's default language. 404 when no balance
         *     ended that season.
         */
        get: operations["getPointsSeason"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/achievements": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * The achievement catalog
         * @description In key order, with each achievement's `completions`, `rarity` and whether the token's
         *     subject holds it (`unlocked`). A hidden achievement is listed only to a token with scope
         *     `admin` or to a subject that holds it; a page may therefore hold fewer than `limit` items
         *     while `next_cursor` is not null. Archived achievements only with `include_archived=true`.
         *     Scope `read`.
         */
        get: operations["listAchievements"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/achievements/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read an achievement
         * @description With `completions` and `rarity`; archived achievements too (with `archived_at`). A hidden
         *     achievement answers 404 unless the token has scope `admin` or its subject holds it. Scope
         *     `read`.
         */
        get: operations["getAchievement"];
        /**
         * Define, change or restore an achievement
         * @description An achievement unlocks once per user when its trigger holds (a metric total reaches a
         *     threshold; the user's longest run in a streak reaches a length; the application completes
         *     it through the API; every prerequisite achievement is unlocked) and may reward points. Once
         *     unlocked it stays unlocked, whatever happens to the total, the streak or the rule. Creates
         *     (201), replaces (200) or restores an archived achievement (201). Every metric, streak,
         *     achievement and points system it names must be defined and active, else 400
         *     `unknown_rule`; composite prerequisites must not lead back to the achievement (400
         *     `invalid_request`, `field` `trigger.prerequisites`).
         *
         *     After saving, every user who already qualifies (for a streak trigger: whose longest run
         *     already reaches the length) gets the achievement now, flagged
         *     `backfilled: true`, with its reward and the points triggers on it (and any composite it
         *     completes); the answer's `backfilled_users` counts them. The answer comes after that
         *     backfill. A 503 here can come after the achievement was saved: repeat the `PUT`. Scope
         *     `admin`. See `docs/rules.md`.
         */
        put: operations["putAchievement"];
        post?: never;
        /**
         * Archive an achievement
         * @description Archives the achievement: it no longer unlocks and is no longer listed by default; users who
         *     hold it keep it (it reappears in their progress when restored), and `PUT` restores it.
         *     Refused with 409 `rule_in_use` while an active points system triggers on it or an active
         *     composite achievement needs it. Archiving an archived achievement changes nothing (204).
         *     Scope `admin`.
         */
        delete: operations["archiveAchievement"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streaks": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List streaks
         * @description In key order; archived streaks only with `include_archived=true`. Scope `read`.
         */
        get: operations["listStreaks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/streaks/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a streak
         * @description Archived streaks too (with `archived_at`). Scope `read`.
         */
        get: operations["getStreak"];
        /**
         * Define, change or restore a streak
         * @description A streak counts consecutive periods (days or weeks, each judged in the user's own
         *     timezone) in which the user met its conditions: each condition is a metric whose total over
         *     the period must reach a threshold, and `combine` says whether all of them or any one must
         *     hold. Freezes cover missed periods. Creates the streak (201), replaces its definition (200),
         *     or restores an archived one (201). The whole definition is replaced: a member left out
         *     takes its default. Every metric a condition names must be defined and active, else 400
         *     `unknown_rule` (`field` `conditions`).
         *
         *     `period` and, for a weekly streak, `week_start` cannot change once the streak is defined,
         *     not even when restoring it: 409 `streak_immutable`, with `field` naming the member; define
         *     a streak with another key instead. The other members may change; the change applies to
         *     events from then on, and users' runs, longest runs, freezes held and current period totals
         *     are kept. Scope `admin`. See `docs/streaks.md`.
         */
        put: operations["putStreak"];
        post?: never;
        /**
         * Archive a streak
         * @description Archives the streak: events no longer count toward it, it is no longer listed by default,
         *     and it leaves users' progress; a user's standing in it and freeze grants answer 404. Users'
         *     standings and their history stay (the history stays readable), and `PUT` restores the
         *     streak, with the same `period` and `week_start`. Periods that passed meanwhile are settled
         *     when it is back: a run that was going is covered by the user's freezes while they last,
         *     then ends. Refused with 409 `rule_in_use` while an active points system or achievement
         *     triggers on it. Archiving an archived streak changes nothing (204). Scope `admin`.
         */
        delete: operations["archiveStreak"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List leaderboard definitions
         * @description In key order; archived boards only with `include_archived=true`. Scope `read`.
         */
        get: operations["listLeaderboards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a leaderboard's ranking
         * @description The definition, the period, how many users take part, and a page of entries in rank order:
         *     highest score first; equal scores share a rank (1, 2, 2, 4) and the user who reached the
         *     score first lists first. With `around`, the window of up to `radius` users above and below
         *     that user instead (clipped at the top and the bottom; 404 when the user has no score in the
         *     period). Archived boards stay readable. Scope `read`.
         */
        get: operations["getLeaderboard"];
        /**
         * Define, change or restore a leaderboard
         * @description Ranks users by a metric, a points system or a streak, per period (`all_time`, `daily`,
         *     `weekly`, `monthly`, `quarterly`, `yearly`) in the board's timezone. A new all-time board without `starts_at` is
         *     backfilled, in the same transaction, from the users' current totals or balances
         *     (`backfilled_users`). `rank_by`, `period`, `timezone` and `week_start` cannot change once
         *     defined (409 `leaderboard_immutable`); `name`, `description`, `starts_at`, `ends_at` and
         *     `filter` can. Scope `admin`. See `docs/leaderboards.md`.
         */
        put: operations["putLeaderboard"];
        post?: never;
        /**
         * Archive a leaderboard
         * @description Archives the board: scores stop changing and it is no longer listed by default, but its
         *     stored scores stay readable and `PUT` restores it. Scope `admin`.
         */
        delete: operations["archiveLeaderboard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/leaderboards/{key}/users/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The user id, or `me`. */
                id: string;
            };
            cookie?: never;
        };
        /**
         * Read one user's standing
         * @description Rank, score, percentile (the percentage of participants with a strictly lower score, 0 to
         *     100 with up to 2 decimals, rounded down) and previous rank (held just before the user's
         *     latest score change in the period; null when that change was the first). 404 `not_found`
         *     naming the user (`user_id`) when they have no score in the period. Scope `read`.
         */
        get: operations["getLeaderboardUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List rewards
         * @description In key order; archived rewards only with `include_archived=true`. Scope `read`.
         */
        get: operations["listRewards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a reward
         * @description Archived rewards too (with `archived_at`). Scope `read`.
         */
        get: operations["getReward"];
        /**
         * Define, change or restore a reward
         * @description A reward of the catalog: what redeeming one costs in an active points system (its
         *     currency), and optionally its stock, a limit per user, an availability window and a level
         *     of that system the user must stand at. Creates (201), replaces (200) or restores an
         *     archived reward (201). The points system must be defined and active, else 400
         *     `unknown_rule` (`missing`: `points_system:<key>`); `level_required` must be the number of
         *     one of its levels (400 naming `level_required`). A change applies from then on:
         *     redemptions already made keep their cost and points system. Scope `admin`. See
         *     `docs/rules.md`.
         */
        put: operations["putReward"];
        post?: never;
        /**
         * Archive a reward
         * @description Archives the reward: it can no longer be redeemed (404) and is no longer listed by default;
         *     its redemptions stay, and may still be fulfilled or cancelled. `PUT` restores it.
         *     Archiving an archived reward changes nothing (204). Scope `admin`.
         */
        delete: operations["archiveReward"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rewards/{key}/redemptions": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The reward's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["RewardKey"];
            };
            cookie?: never;
        };
        /**
         * A reward's redemptions
         * @description Every user's redemptions of the reward (archived or not), newest first, optionally only
         *     those of one `status`; an empty page for a key that has none. Scope `users:read`.
         */
        get: operations["listRewardRedemptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an event
         * @description Adds `value` to the user's total of `metric`, runs the rules, and answers what changed:
         *     the new total, points awarded per system (with `capped` when the cap or the zero floor cut an
         *     award short), level changes, achievements unlocked, and what happened to the streaks whose
         *     conditions name the metric (`streaks`: periods met, freezes consumed or earned, runs lost,
         *     in the user's timezone; see `docs/streaks.md`), what happened to the user's quests
         *     (`quests`: steps completed, quests completed with their prizes, windows expired), and the
         *     leaderboard scores it changed (`leaderboards`: key, period, score, rank; see
         *     `docs/leaderboards.md`). The user is created by their first event; the `user` member creates or changes
         *     their profile in the same transaction, and a `timezone` given there already applies to
         *     this event's streak periods.
         *
         *     `occurred_at` must lie within `LUDUS_EVENT_MAX_AGE` (default 7 days) before and
         *     `LUDUS_EVENT_MAX_SKEW` (default 5 minutes) after the server's clock.
         *
         *     Idempotency: with `Idempotency-Key` (or the body's `idempotency_key`; both, if given, must
         *     be equal), the first answer is stored with the change; the same key with the same request
         *     answers it again with `idempotent_replayed: true` and changes nothing; the same key with
         *     another request answers 409 `idempotency_conflict`. Keys belong to the application and are
         *     shared with the adjustment and completion endpoints. Refused requests are not stored.
         *
         *     One user's writes apply one at a time, in commit order, on every node. A 2xx means the
         *     change is committed (durable). While the node's webhook deliveries to receivers that answer
         *     promptly lag more than `LUDUS_WEBHOOK_MAX_LAG`, the event waits up to 250 ms before it is
         *     written (`docs/webhooks.md#backpressure`); it is never refused for it. Scope `write` for the
         *     token's own subject, `users:write` for any user. See `docs/events.md`.
         */
        post: operations["recordEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record up to 1,000 events
         * @description Each event is validated and applied on its own, exactly as by `POST /v1/events`
         *     (all-or-nothing per event, not per batch); `results` holds one entry per event, in input
         *     order: `status` 201 with the event's answer in `body`, or the error status with the problem
         *     in `error`. Events of one user apply in input order; different users in parallel. The
         *     `Idempotency-Key` header is not used here: give each event its own `idempotency_key`.
         *     The batch itself answers 200 whenever its body is well-formed; 400 (`field` `events`) when
         *     `events` is missing, empty, holds more than 1,000 items or an item that is not an object.
         *     Like a single event, the batch waits up to 250 ms, once, while webhook deliveries lag
         *     (`docs/webhooks.md#backpressure`). Scope `write` (for events of the token's own subject),
         *     `users:write` (any user).
         */
        post: operations["recordEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/validate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check an event without recording it
         * @description Checks an event's syntax, ranges, `occurred_at` window and permissions as `POST /v1/events`
         *     does, and answers what would be recorded. Nothing is written and the rules are not
         *     consulted: an unknown metric, or a negative value for a metric that does not allow it, still
         *     answers 200 here. An `Idempotency-Key` (header or member) is checked as for events and
         *     otherwise ignored. For client development. Scope `write` (own subject) or `users:write`.
         */
        post: operations["validateEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List and search the application's users
         * @description The application's users, newest first by default, each with its profile as `GET
         *     /v1/users/{id}` shows it. Filters combine (all must hold): `id_prefix`, `q` and one
         *     `attribute`. Sorts: `created_at` (default), `last_active_at`, `balance:<points system>`;
         *     each highest (newest) first, ties by user id, highest first. Keyset paging: every user is
         *     listed once across the pages of one sort. Unknown or repeated parameters, and bad values,
         *     answer 400 naming the parameter in `field`. Scope `users:read`. See `docs/users.md`.
         */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * Read a user's profile
         * @description Scope `read` for the token's own subject, `users:read` for any user.
         */
        get: operations["getUser"];
        /**
         * Create or replace a user's profile
         * @description Replaces the profile: a member left out (or `null`) is cleared. 201 when the user is new,
         *     200 otherwise. Game state (totals, points, achievements) is not touched. Scope `write` for
         *     the token's own subject, `users:write` for any user.
         */
        put: operations["putUser"];
        post?: never;
        /**
         * Erase a user
         * @description Erases the user and everything Ludus holds about them: profile, events, metric totals,
         *     points balances and history, achievements, streak standings and history, and the
         *     idempotency records of their requests
         *     (for GDPR erasure requests). Not recoverable. Applies in order with the user's other writes.
         *     Scope `users:write`, also for the token's own subject.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/flag": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Clear a user's flag
         * @description Clears the flag a velocity guard raised: the user's events award again (when the guard held
         *     them), and the guards count their events afresh. What the user's events did not earn while
         *     held is not given back; achievements they qualify for unlock at their next event. Clearing a
         *     user who is not flagged changes nothing (`cleared: false`). Applies in order with the user's
         *     other writes. Scope `users:write`; audited.
         */
        delete: operations["clearUserFlag"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/progress": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's standing in every active rule
         * @description Every active metric with the user's total, every active points system with balance, level
         *     and next level, every active achievement with whether it is unlocked and the progress
         *     towards it, every active streak with the user's standing as of now (as
         *     `GET /v1/users/{id}/streaks`), and the user's 20 latest events, newest first. A hidden
         *     achievement the user does not hold is left out unless the token has scope `admin`. Scope
         *     `read` for the token's own subject, `users:read` for any user.
         */
        get: operations["getProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/points/{system}/adjust": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant or spend points by hand
         * @description A positive `amount` grants points (cut to the system's `max_points`, `capped: true`); a
         *     negative one spends them, refused with 409 `insufficient_points` when it would take the
         *     balance below zero in a system that does not allow negative balances. Recorded in the
         *     points history with its `reason`. The user is created if new. `Idempotency-Key` works as
         *     for events. Scope `users:write`.
         */
        post: operations["adjustPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/points/{system}/history": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        /**
         * A user's points history in one system
         * @description Every change of the balance, newest first: what caused it (`event`, `achievement`,
         *     `streak`, `adjustment`, `reward`, `refund`, `quest`, `expiry` or `season`), by how much, and the balance after it. Awards cut to nothing by
         *     the cap or the zero floor leave no entry. A system the user never had points in answers an
         *     empty list; a system that was never defined answers 404 (an archived one is found). Scope
         *     `read` for the token's own subject, `users:read` for any user.
         */
        get: operations["pointsHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/points/{system}/seasons": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        /**
         * A user's past seasons in one points system
         * @description The seasons of the system that ended while the user held points, newest first: the balance
         *     at the end and the level then (named in the user's `locale`, else `Accept-Language`, else
         *     the application's default). Scope `read` for the token's own subject, `users:read` for any
         *     user.
         */
        get: operations["userPointsSeasons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/achievements/{key}/complete": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The achievement's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["AchievementKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an achievement through the API
         * @description Unlocks an achievement whose trigger is `api` for the user, with its reward, the points
         *     triggers on it and any composite it completes. Completing one the user already holds
         *     changes nothing (`already_unlocked: true`). The quests whose achievement steps name what
         *     it unlocked move at once (`quests`: steps completed, quests completed with their prizes).
         *     409 `not_completable` for an achievement with
         *     another trigger; 404 for one that is not defined or archived. The user is created if new.
         *     No body. `Idempotency-Key` works as for events. Scope `users:write`.
         */
        post: operations["completeAchievement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/streaks": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's standing in every active streak
         * @description One entry per active streak, in key order, as of now: the run (`current`, `longest`),
         *     freezes held, the current period with its condition totals, `at_risk` and `expires_at`.
         *     Periods that ended since the user's last write to a streak are settled for this answer
         *     (an unmet one consumes a freeze or ends the run) without writing anything: those outcomes
         *     are recorded, and reported in a `streaks` array, at the user's next write to the streak.
         *     A streak the user never counted toward shows a run of 0, the streak's initial freezes and
         *     the period containing now. 404 for a user Ludus does not know. Scope `read` for the token's
         *     own subject, `users:read` for any user. See `docs/streaks.md`.
         */
        get: operations["listUserStreaks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/streaks/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        /**
         * A user's standing in one streak
         * @description One entry of `GET /v1/users/{id}/streaks`, settled as of now the same way. 404 when the
         *     streak is not defined or is archived, or for a user Ludus does not know. Scope `read` for
         *     the token's own subject, `users:read` for any user.
         */
        get: operations["getUserStreak"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/streaks/{key}/history": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        /**
         * A user's settled periods in one streak
         * @description The periods recorded for the user, newest (latest `period_start`) first: `met` (recorded
         *     when the period was met, so the current period may be listed), `frozen` (a freeze covered
         *     it) and `missed` (it ended the run). `frozen` and `missed` periods are recorded at the
         *     user's next write to the streak after they ended; periods that passed while no run was
         *     going are not listed. An archived streak's history is still served; a streak that was never
         *     defined, or a user Ludus does not know, answers 404. Scope `read` for the token's own
         *     subject, `users:read` for any user.
         */
        get: operations["streakHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/streaks/{key}/freezes": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a user freezes
         * @description Gives the user `count` freezes of the streak (default 1), up to the streak's
         *     `freezes.max`: `granted` says how many were actually given (0 at the cap, and always 0 for
         *     a streak whose `max` is 0), `freezes` how many the user holds now. Periods that ended
         *     before now are settled first, so a freeze given after a missed period ended does not
         *     save the run: give freezes while the period is still running. The settled outcomes and
         *     the grant are in `streaks`. The user is created if new. `Idempotency-Key` works as for
         *     events. 404 when the streak is not defined or is archived. Scope `users:write`.
         */
        post: operations["grantFreezes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/rewards/{key}/redeem": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The reward's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["RewardKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a reward for a user
         * @description Spends the reward's `cost` in its points system and records a `pending` redemption (one
         *     unit of the stock). The points history gets an entry of source `reward` whose reference is
         *     the redemption's id; `reward.redeemed` and `points.changed` webhooks follow. Refused, with
         *     nothing written: 404 `not_found` when the reward is not defined or is archived, or the user
         *     is unknown (the user is not created); 409 `reward_unavailable` (outside `available_from` /
         *     `available_until`), `out_of_stock`, `limit_reached` (the user holds `per_user_limit`
         *     redemptions that are not cancelled), `level_required` (the user's level in the points
         *     system, before spending, is below `level_required`) or `insufficient_points`, checked in
         *     that order. Body: none, or `{}`. `Idempotency-Key` works as for events: a replay answers
         *     the first answer with `idempotent_replayed: true` and charges once. Scope `write` for the
         *     token's own subject, `users:write` for any user.
         */
        post: operations["redeemReward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/redemptions": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's redemptions
         * @description The user's redemptions of every reward (archived ones too), newest first, optionally only
         *     those of one `status`; an empty page for a user who has none. Scope `read` for the token's
         *     own subject, `users:read` for any user.
         */
        get: operations["listUserRedemptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        /**
         * Read a redemption
         * @description Any user's redemption, by its id. Scope `users:read`.
         */
        get: operations["getRedemption"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/fulfill": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a redemption fulfilled
         * @description The reward was handed over: a `pending` redemption becomes `fulfilled`. Points and stock do
         *     not change. 409 `redemption_not_pending` when it is already fulfilled or cancelled. No
         *     body. `Idempotency-Key` (optional) works as for events. Scope `users:write`.
         */
        post: operations["fulfillRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/redemptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a redemption and refund it
         * @description A `pending` redemption becomes `cancelled`: its cost goes back to the user's balance (as
         *     any award, up to the system's `max_points`; a points history entry of source `refund`
         *     whose reference is the redemption's id) and its unit back to the reward's stock; it no
         *     longer counts toward `per_user_limit`. 409 `redemption_not_pending` when it is already
         *     fulfilled or cancelled. 404 also when the redemption's points system is no longer active.
         *     No body. `Idempotency-Key` works as for events. Scope `users:write`.
         */
        post: operations["cancelRedemption"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List teams
         * @description The application's teams in id order, each with its member count. Scope `read`.
         */
        get: operations["listTeams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        /**
         * Read a team
         * @description Scope `read`.
         */
        get: operations["getTeam"];
        /**
         * Create or replace a team
         * @description Creates the team (201) or replaces its name and attributes (200): a member left out (or
         *     `null`) takes its default (`name`: the team id; `attributes`: none). Its members stay.
         *     Scope `users:write`.
         */
        put: operations["putTeam"];
        post?: never;
        /**
         * Delete a team
         * @description Deletes the team and its memberships; its members stay users of the application. Not
         *     recoverable. Scope `users:write`.
         */
        delete: operations["deleteTeam"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/quests": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        /**
         * A team's standing in every active team quest
         * @description One entry per active team quest (`team: true`), in key order, in its current window: the
         *     fixed window, or for a recurring quest the day or week containing now in the window's
         *     `timezone`. `steps` are the totals of the team's members' events counted in the window (an
         *     event counts for every team its user was a member of when it was written); `status` is
         *     `completed` once the team completed the window (each member was paid the prize then).
         *     Team quests are not in users' standings (`GET /v1/users/{id}/quests`). 404 for a team the
         *     application does not have. Scope `read`. See `docs/quests.md`.
         */
        get: operations["listTeamQuests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/members": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        /**
         * A team's members
         * @description The team's memberships in user id order. Scope `read`.
         */
        get: operations["listTeamMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{id}/members/{user_id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
                /**
                 * @description The member's user id: 1 to 255 characters without control characters or '/', percent-encoded
                 *     as a path segment (otherwise 400 `invalid_request`, `field` `user_id`); `me` stands for the
                 *     token's subject (`sub`).
                 */
                user_id: components["parameters"]["MemberUserId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Add a user to a team
         * @description Makes the user a member of the team: 201 with the new membership, or 200 with the one that
         *     exists when the user is already a member (nothing changes, `joined_at` stays). The team and
         *     the user must exist (a user exists once Ludus received an event for them or their profile
         *     was put). A user who is already a member of the application's `max_teams_per_user` teams is
         *     refused: 409 `team_limit_reached`. No body (or `{}`). Applies in order with the user's other
         *     writes. Scope `users:write`.
         */
        put: operations["joinTeam"];
        post?: never;
        /**
         * Remove a user from a team
         * @description Ends the user's membership of the team; 404 when the user is not a member. Applies in order
         *     with the user's other writes. Scope `users:write`.
         */
        delete: operations["leaveTeam"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/teams": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's teams
         * @description The user's memberships in team id order; an empty page for a user who has none. Scope
         *     `read` for the token's own subject, `users:read` for any user.
         */
        get: operations["listUserTeams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/team_leaderboards": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List team leaderboards
         * @description In key order; archived boards only with `include_archived=true`. Scope `read`.
         */
        get: operations["listTeamLeaderboards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/team_leaderboards/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a team leaderboard's definition
         * @description Archived boards too (with `archived_at`). The ranking is
         *     `/v1/team_leaderboards/{key}/ranking`. Scope `read`.
         */
        get: operations["getTeamLeaderboard"];
        /**
         * Define, change or restore a team leaderboard
         * @description Ranks teams by what their members did while they were members: the values of a metric's
         *     events, or the changes of a points system's balances (spending included), summed per team
         *     (`aggregate` `sum`) or divided by the team's members now (`average`), per period
         *     (`all_time`, `daily`, `weekly`, `monthly`, `quarterly`, `yearly`) in the board's timezone. Creates (201), replaces
         *     (200) or restores an archived board (201). The whole definition is replaced: a member left
         *     out takes its default. A board counts the writes made while it is active, from its
         *     definition on: it is not filled from the past. The metric or points system must be defined
         *     and active, else 400 `unknown_rule` (`field` `rank_by`); another `rank_by.type` is 400
         *     naming `rank_by.type`. `rank_by`, `period`, `timezone` and `week_start` cannot change once
         *     defined, not even when restoring the board (409 `leaderboard_immutable`); `name`,
         *     `description` and `aggregate` can. Scope `admin`. See `docs/teams.md`.
         */
        put: operations["putTeamLeaderboard"];
        post?: never;
        /**
         * Archive a team leaderboard
         * @description Archives the board: writes no longer add to its scores and it is no longer listed by
         *     default, but its ranking stays readable and `PUT` restores it (the writes made while it was
         *     archived are not counted). Archiving an archived board changes nothing (204). Scope `admin`.
         */
        delete: operations["archiveTeamLeaderboard"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/team_leaderboards/{key}/ranking": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a team leaderboard's ranking
         * @description The board's definition, the period, how many teams have a score in it, and a page of
         *     entries in rank order: highest score first; equal scores share a rank (1, 2, 2, 4) and list
         *     by team id. A team's score is what its members contributed while they were members (a
         *     member who joined late counts from then on; what a member did before leaving stays with the
         *     team), or that sum divided by the team's members now (`average`; a team without members is
         *     left out). Archived boards stay readable; 404 `not_found` for a board never defined. Scope
         *     `read`.
         */
        get: operations["getTeamLeaderboardRanking"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/team_leaderboards/{key}/teams/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The team id, percent-encoded as a path segment. */
                id: string;
            };
            cookie?: never;
        };
        /**
         * Read one team's place
         * @description The team's rank, score and members in the period, with how many teams have a score in it.
         *     404 `not_found` for a board never defined, and (naming the team in `team_id`) for a team
         *     without a score in the period. Scope `read`.
         */
        get: operations["getTeamLeaderboardTeam"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quests": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List quests
         * @description In key order; archived quests only with `include_archived=true`. Scope `read`.
         */
        get: operations["listQuests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quests/{key}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        /**
         * Read a quest
         * @description Archived quests too (with `archived_at`). A user's standing is
         *     `GET /v1/users/{id}/quests`. Scope `read`.
         */
        get: operations["getQuest"];
        /**
         * Define, change or restore a quest
         * @description A quest: 1 to 10 steps (each a metric total to reach with events inside the window, or an
         *     achievement to hold), done in any order or in the order given, inside a fixed window
         *     (`starts_at` to `ends_at`) or a recurring one (each local day or week, in the user's
         *     timezone), for an optional prize (points of a points system, an achievement, or both).
         *     Users take part automatically, or only after joining (`enrollment` `opt_in`,
         *     `POST /v1/users/{id}/quests/{key}/join`). Creates (201), replaces (200) or restores an
         *     archived quest (201); the whole definition is replaced. The metrics, achievements and
         *     points system it names must be defined and active, else 400 `unknown_rule` (`field`
         *     `steps` or `reward`, `missing` as `kind:key`). Other refusals are 400 `invalid_request`
         *     naming the member, e.g. `steps`, `steps[0].total`, `steps[0].metric` (a step names both or
         *     neither of `metric` and `achievement`), `steps[1].key` (a key used twice), `window`,
         *     `window.ends_at` (not after `starts_at`), `window.period`, `window.week_start`,
         *     `window.timezone` (on a user quest, or not an IANA timezone), `reward.points`. A team quest
         *     (`team: true`: each team's members reach the steps' totals together) also refuses an
         *     achievement step (`steps[i].achievement`), `order` `ordered` (`order`) and `enrollment`
         *     `opt_in` (`enrollment`). Scope `admin`.
         */
        put: operations["putQuest"];
        post?: never;
        /**
         * Archive a quest
         * @description Archives the quest: events no longer count toward it, it can no longer be joined (404) and
         *     it is no longer listed by default nor in users' standings; the windows users completed or
         *     let expire stay in their history. `PUT` restores it. Archiving an archived quest changes
         *     nothing (204). Scope `admin`.
         */
        delete: operations["archiveQuest"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/quests/{key}/join": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The quest's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["QuestKey"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a quest for a user
         * @description Makes the user take part in an opt-in quest from now on (201). A quest the user already
         *     joined, or an automatic quest (in which every user takes part), is not joined again (200).
         *     Either way the window containing now opens and the achievements the user holds count at
         *     once for the quest's achievement steps, so `changes` may report steps completed, or the
         *     quest completed (its prize paid: points in a points history entry of source `quest`, whose
         *     reference is the quest's key, reported in `points`; achievements it unlocked in
         *     `achievements`), and `levels` the levels that moved; `quest` is the user's
         *     standing afterwards. The user is created when new. Refused, with nothing written: 404
         *     `not_found` when the quest is not defined or is archived; 409 `quest_ended` when its fixed
         *     window has ended, `not_joinable` for a team quest. Body: none, or `{}`. `Idempotency-Key` works as for events: a replay
         *     answers the first answer with `idempotent_replayed: true`. Scope `write` for the token's
         *     own subject, `users:write` for any user.
         */
        post: operations["joinQuest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/quests": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's standing in every active quest
         * @description One entry per active quest (team quests excepted), in key order, as of now: the window now (a recurring quest's
         *     current day or week in the user's timezone; a fixed quest's window, before, during and after
         *     it), each step's progress, and the `status`. A window that ended since the user's last
         *     write is shown as settled (`completed` or `expired`) without writing anything; the
         *     `expired` change is reported at the user's next write. `history` holds the latest 20 windows
         *     that ended (all of them: `GET /v1/users/{id}/quests/history`). 404 for a user Ludus does not
         *     know. Scope `read` for the token's own subject, `users:read` for any user.
         */
        get: operations["listUserQuests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/quests/history": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        /**
         * A user's ended quest windows
         * @description The windows of the user's quests that ended, `completed` or `expired`, newest (latest
         *     `window_start`) first, optionally of one quest only (archived quests' too). A window is
         *     recorded by the write that completed it, or by the user's first write after it expired
         *     unfinished; a window in which the user did nothing is not listed. An empty page for a user
         *     who has none; 404 for a user Ludus does not know. Scope `read` for the token's own subject,
         *     `users:read` for any user.
         */
        get: operations["questHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description In id order. Scope `admin`.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Subscribes a URL to event types. The answer carries the endpoint's signing secret
         *     (`whsec_` + base64 of 32 random bytes), shown this once. The URL must be http(s), without
         *     credentials, and (unless the operator set `LUDUS_WEBHOOK_ALLOW_PRIVATE=true`) resolve only to
         *     public addresses: 400 `webhook_url_refused` otherwise. Scope `admin`. See `docs/webhooks.md`.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        /**
         * Read a webhook endpoint
         * @description Without its secret. Scope `admin`.
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description With its secrets, pending deliveries and delivery log. Scope `admin`.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook endpoint
         * @description Changes `url`, `event_types`, `description` (`null` clears it) or `enabled`. Enabling a
         *     disabled endpoint clears `disabled_reason`; its pending deliveries resume. Scope `admin`.
         */
        patch: operations["changeWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/secret/rotate": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an endpoint's signing secret
         * @description A new secret, shown this once. The previous one keeps signing for `grace_seconds` (default
         *     86400, 0 to 604800; 0 ends it at once): meanwhile `webhook-signature` carries both signatures,
         *     space-separated, the new one first. Scope `admin`.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        /**
         * An endpoint's delivery log
         * @description Every attempt, newest first: the message, its type, the attempt number, the outcome
         *     (`succeeded`, `pending` when another attempt is scheduled at `next_attempt_at`, `failed` when
         *     none will follow), the HTTP status, the latency and at most 1 KiB of the answer. Scope `admin`.
         */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/replay": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send messages to an endpoint again
         * @description `{"message_id"}` sends one message again; `{"since","until"?}` every message addressed to
         *     the endpoint created in `[since, until)` (until defaults to now; at most 10,000), in commit
         *     order. Each keeps its `webhook-id`, so receivers that dedupe on it see no duplicate effect.
         *     Scope `admin`.
         */
        post: operations["replayWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/ping": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test message now
         * @description Sends a `webhook.ping` message to the endpoint (enabled or not) at once, signed like every
         *     other, and answers how it went. Not retried. Scope `admin`.
         */
        post: operations["pingWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_events": {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        /**
         * Records about endpoints
         * @description Newest first: `webhook.endpoint_disabled` when Ludus disabled an endpoint (it answered 410
         *     Gone, or no delivery succeeded for 5 days), with the reason. Scope `admin`.
         */
        get: operations["listWebhookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "achievement.unlocked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `achievement.unlocked`
         * @description A user unlocked an achievement (by an event, an API completion, or a backfill when a rule is added).
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `achievement.unlocked`.
         */
        post: operations["achievementUnlocked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `points.changed`
         * @description A balance changed: one message per change, as in the points history.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `points.changed`.
         */
        post: operations["pointsChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "points.expiring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `points.expiring`
         * @description Points of a lot will expire: sent once per lot, `expiry.notice_days` days before it expires,
         *     when it still holds points (at the user's next write or by the expiry sweep).
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `points.expiring`.
         */
        post: operations["pointsExpiring"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "level.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `level.changed`
         * @description A user's level in a points system moved, up or down.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `level.changed`.
         */
        post: operations["levelChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "streak.extended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `streak.extended`
         * @description A period was met and the run grew.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `streak.extended`.
         */
        post: operations["streakExtended"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "streak.lost": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `streak.lost`
         * @description A period ended unmet with no freeze: the run ended. Reported at the user's next event or freeze grant after the missed period.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `streak.lost`.
         */
        post: operations["streakLost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "streak.freeze_consumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `streak.freeze_consumed`
         * @description A missed period was covered by a freeze.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `streak.freeze_consumed`.
         */
        post: operations["streakFreezeConsumed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "leaderboard.rank_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `leaderboard.rank_changed`
         * @description A write moved the user's own rank on a board (ranks moved by other users' writes are not reported).
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `leaderboard.rank_changed`.
         */
        post: operations["leaderboardRankChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "leaderboard.period_finished": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `leaderboard.period_finished`
         * @description A daily, weekly, monthly, quarterly or yearly period of a board ended, or a board's `ends_at` passed, and the period has at least one score; each period is announced once.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `leaderboard.period_finished`.
         */
        post: operations["leaderboardPeriodFinished"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "reward.redeemed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `reward.redeemed`
         * @description A user redeemed a reward (`POST /v1/users/{id}/rewards/{key}/redeem`); the redemption is `pending`. Its cost is in a `points.changed` of source `reward`.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `reward.redeemed`.
         */
        post: operations["rewardRedeemed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quest.step_completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `quest.step_completed`
         * @description A step of a quest was completed for the user in the current window: a metric step by an event, an achievement step when the user holds the achievement at an event, at a join, or when a quest prize unlocks it; `quest.step` names it.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `quest.step_completed`.
         */
        post: operations["questStepCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quest.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `quest.completed`
         * @description Every step of a quest is complete in the window: the quest is complete and its prize (`quest.reward`) is paid; its points come in a `points.changed` of source `quest`. Follows the `quest.step_completed` of the last step. For a team quest, one message to each member of the team that completed it, with `quest.team_id`.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `quest.completed`.
         */
        post: operations["questCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "quest.expired": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `quest.expired`
         * @description A window the user counted toward ended unfinished (`quest.steps_done` of `quest.steps_total` steps done). Reported at the user's next event (or join) after the window ended.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `quest.expired`.
         */
        post: operations["questExpired"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "user.flagged": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `user.flagged`
         * @description A metric's velocity guard flagged the user: more than its `max_events` events arrived within its
         *     `seconds`. Sent once per flag (not again until the flag is cleared and raised anew).
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `user.flagged`.
         */
        post: operations["userFlagged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook.ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * `webhook.ping`
         * @description `POST /v1/webhooks/{id}/ping` sent it to that one endpoint; not subscribable.
         *     Sent as a Standard Webhooks message to every enabled endpoint subscribed to `webhook.ping`.
         */
        post: operations["webhookPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description RFC 9457 problem details with Ludus's `error` code. */
        Problem: {
            /**
             * Format: uri
             * @description `https://ludus.dev/problems/<error with - for _>`
             * @example https://ludus.dev/problems/token-expired
             */
            type: string;
            title: string;
            status: number;
            /** @description What is wrong and what to do. Never contains a token or a secret. */
            detail: string;
            error: components["schemas"]["ErrorCode"];
            /**
             * @description The missing claim; only with `missing_required_claim`. `jti` and `scope` are required of
             *     server tokens only.
             * @enum {string}
             */
            claim?: "iss" | "aud" | "sub" | "iat" | "exp" | "jti" | "scope";
            /** @description The scope the endpoint needs; only with `insufficient_permissions`. */
            required_scope?: components["schemas"]["Scope"];
            /**
             * @description The request member (or path parameter, query parameter, header) at fault: with
             *     `invalid_request` when one member is; with `unknown_metric` (`metric`), `unknown_rule`
             *     (`key`, `triggers`, `trigger`, `reward.system`, `conditions`, `rank_by.*` (a
             *     leaderboard), `rank_by` (a team leaderboard), `points_system`, or `steps` or `reward`
             *     (a quest)),
             *     `streak_immutable` (`period` or `week_start`), `leaderboard_immutable` (`rank_by`),
             *     `webhook_url_refused` (`url`), `idempotency_conflict` (`idempotency_key`),
             *     `team_limit_reached` (`user_id`), and
             *     `insufficient_permissions` when the token acts for another user (`user_id`, `id`).
             */
            field?: string;
            /**
             * @description Only with `unknown_rule`: the rules the definition names that are not defined or are
             *     archived, as `kind:key` (`metric:steps`, `points_system:xp`, `achievement:marathon`,
             *     `streak:daily_walk`).
             */
            missing?: string[];
            /** @description Only with `rule_in_use`: the active rules that refer to the rule, as `kind:key`. */
            used_by?: string[];
            /** @description Only with `webhook_url_refused`: why the URL is refused. */
            reason?: string;
            /**
             * @description Only with `not_found` of a leaderboard user (`GET /v1/leaderboards/{key}/users/{id}`, or
             *     `around`) who has no score in the period: that user.
             */
            user_id?: string;
            /**
             * @description Only with `not_found` of a team that has no score on a team leaderboard in the period
             *     (`GET /v1/team_leaderboards/{key}/teams/{id}`): that team.
             */
            team_id?: string;
        };
        /** @enum {string} */
        ErrorCode: "invalid_token" | "token_expired" | "invalid_signature" | "missing_required_claim" | "insufficient_permissions" | "token_revoked" | "request_expired" | "replayed_request" | "method_disabled" | "invalid_client" | "invalid_request" | "not_found" | "conflict" | "method_not_allowed" | "cors_refused" | "payload_too_large" | "rate_limited" | "internal_error" | "unknown_metric" | "unknown_rule" | "rule_in_use" | "streak_immutable" | "idempotency_conflict" | "insufficient_points" | "not_completable" | "overloaded" | "unavailable" | "leaderboard_immutable" | "leaderboard_unavailable" | "webhook_url_refused" | "reward_unavailable" | "out_of_stock" | "limit_reached" | "level_required" | "redemption_not_pending" | "team_limit_reached" | "quest_ended" | "not_joinable";
        /**
         * @description `read`, `write`: act for the token's own `sub`. `users:read`, `users:write`: act for any user
         *     of the application; `users:read` implies `read`, `users:write` implies `write`. `admin`:
         *     configure the application; implies every other scope.
         * @enum {string}
         */
        Scope: "read" | "write" | "users:read" | "users:write" | "admin";
        Liveness: {
            /** @constant */
            status: "UP";
        };
        Readiness: {
            /** @enum {string} */
            status: "UP" | "DOWN";
            checks: {
                /**
                 * @description The store answers a query within 2 seconds, getting a connection included.
                 * @enum {string}
                 */
                store: "UP" | "DOWN";
                /**
                 * @description SQLite: the data directory's file system has at least 16 MiB free. Always UP on PostgreSQL, whose disk the database server watches.
                 * @enum {string}
                 */
                disk: "UP" | "DOWN";
                /**
                 * @description The HTTP listener accepts connections (a watchdog connects to it every second).
                 * @enum {string}
                 */
                listener: "UP" | "DOWN";
            };
        };
        TenantCreate: {
            /** @description Stripped of surrounding white space; must not be empty. */
            name: string;
        };
        TenantRename: {
            /** @description Stripped of surrounding white space; must not be empty. */
            name: string;
        };
        TenantList: {
            /** @description In tenant id order. */
            items: components["schemas"]["Tenant"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        Tenant: {
            /**
             * @description `ten_` and 20 random characters.
             * @example ten_p14th3vzefxdgwk0ebv4
             */
            id: string;
            name: string;
            /** Format: date-time */
            created_at: string;
        };
        ApplicationCreate: {
            /** @description Stripped of surrounding white space; must not be empty. */
            name: string;
        };
        /** @description An application's settings. Never carries a secret. */
        Application: {
            /**
             * @description `app_` and 20 random characters; the `aud` of its tokens.
             * @example app_2kf3njdpwvq946s6s5h6
             */
            id: string;
            /** @description The owning tenant; the `iss` of its tokens. */
            tenant_id: string;
            name: string;
            /** @description Scopes of a token without a `scope` claim. */
            default_scopes: components["schemas"]["Scope"][];
            /** @description Longest `exp - iat` accepted. */
            max_token_lifetime_seconds: number;
            /**
             * @description Whether legacy ECDSA request signing (scheme `ecdsaSignature`) is accepted; `true` for a
             *     new application. When `false`, signed requests answer 401 `method_disabled`.
             */
            ecdsa_enabled: boolean;
            /**
             * @description Scopes of the server tokens the client credentials get at `POST /v1/auth_token` and
             *     `POST /oauth/token` (the `scope` claim). Default `["users:read","users:write"]`.
             */
            client_scopes: components["schemas"]["Scope"][];
            /**
             * @description The application's default timezone, an IANA time zone id: the streaks of a user whose
             *     profile has no `timezone` are judged in it. `UTC` until set.
             * @example Europe/Paris
             */
            timezone: string;
            /**
             * @description Browser origins whose pages may read the answers to this application's `/v1` requests
             *     (CORS, `docs/cors.md`): exact origins, in the form browsers send them (lower case, no
             *     default port). Empty until set. `LUDUS_CORS_ORIGINS` adds origins for every application.
             * @example [
             *       "https://app.example.com",
             *       "http://localhost:5173"
             *     ]
             */
            cors_origins: string[];
            /**
             * @description How many teams one user may be a member of (`PUT /v1/teams/{id}/members/{user_id}`
             *     answers 409 `team_limit_reached` beyond). 10 until set.
             * @default 10
             */
            max_teams_per_user: number;
            /**
             * @description The share of the application's users held out of the game's feedback (the control
             *     group, picked by hashing each user's id): their events count, but event answers show
             *     none of the game and no game webhooks are sent about them; `GET /v1/stats` splits its
             *     figures by group. 0 (nobody) until set. See docs/control-groups.md.
             * @default 0
             */
            control_group_percent: number;
            /**
             * @description The BCP 47 tag of the language answers fall back to when a rule's name has neither the user's `locale` nor one the request's `Accept-Language` asks for; `en` unless set.
             * @example en
             */
            default_language: string;
            /** @description `cid_` and 20 random characters; the `sub` of its server tokens. */
            client_id: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When an ECDSA-signed request of the application last authenticated, or `null` if none
             *     ever did: the latest use of any of its keys, written with the keys' own every 10 seconds
             *     and before the node answers, so another node's may lag by 10 seconds. `null` for a long time, together with
             *     `ludus_auth_requests_total{method="ecdsa"}` staying flat, means nobody signs any more:
             *     turn ECDSA off.
             */
            ecdsa_last_used_at: string | null;
        };
        /** @description An application just created, with the secrets that are shown only here. */
        CreatedApplication: {
            id: string;
            tenant_id: string;
            name: string;
            /** @description `sk_` and 43 base64url characters (256 random bits). The HS256 key of the tokens. */
            api_secret: string;
            client_id: string;
            /** @description `cs_` and 43 base64url characters. Stored only as a SHA-256 hash. */
            client_secret: string;
            default_scopes: components["schemas"]["Scope"][];
            max_token_lifetime_seconds: number;
            ecdsa_enabled: boolean;
            /** @description Scopes of the tokens the client credentials get (default users:read users:write). */
            client_scopes: string[];
            /** @description The default timezone of the application's users; `UTC` for a new application. */
            timezone: string;
            /** @description Browser origins allowed (CORS); empty for a new application. */
            cors_origins?: string[];
            /** @description How many teams one user may be a member of; 10 for a new application. */
            max_teams_per_user?: number;
            /** @description The share of users in the control group; 0 for a new application. */
            control_group_percent?: number;
            /** Format: date-time */
            created_at: string;
        };
        ApplicationList: {
            /** @description In application id order. */
            items: components["schemas"]["Application"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description A partial update; a member left out or `null` keeps its value. An empty body changes nothing. */
        ApplicationChanges: {
            name?: string | null;
            /** @description Known scope names only; duplicates are dropped. */
            default_scopes?: components["schemas"]["Scope"][] | null;
            max_token_lifetime_seconds?: number | null;
            /** @description `false` turns legacy ECDSA request signing off: signed requests answer 401 `method_disabled`. */
            ecdsa_enabled?: boolean | null;
            /**
             * @description Known scope names only; duplicates are dropped. Applies to the next server token; tokens
             *     already issued keep their scopes.
             */
            client_scopes?: components["schemas"]["Scope"][] | null;
            /**
             * @description The default timezone of the application's users, for streaks: an IANA time zone id such as
             *     `Europe/Paris`, or `UTC` (case matters). Offsets (`+02:00`) and
             *     abbreviations (`CET`, `GMT`) are refused (400, `field` `timezone`). It applies to users whose
             *     profile has no `timezone`; set `UTC` to return to the default.
             * @example Europe/Paris
             */
            timezone?: string | null;
            /**
             * @description The browser origins allowed to call this application's `/v1` API from a page (CORS,
             *     `docs/cors.md`): exact origins such as `https://app.example.com` or
             *     `http://localhost:5173` (scheme, host, and a port unless it is the default). No path, no
             *     wildcard: anything else is 400 with `field` `cors_origins`, naming it. Stored lower case,
             *     without a default port, without repeats. `[]` removes them all. Routes that need the
             *     `admin` scope and `/v1/auth_token` are never opened to browsers.
             * @example [
             *       "https://app.example.com"
             *     ]
             */
            cors_origins?: string[] | null;
            /**
             * @description How many teams one user may be a member of (default 10). Lowering it removes nobody from
             *     a team: a user above the new limit cannot join another team until below it.
             */
            max_teams_per_user?: number | null;
            /**
             * @description The share of users (0 to 100 percent) held out of the game's feedback. A user's place is
             *     fixed by their id: raising the share only adds users to the control group, lowering it
             *     only takes users out.
             */
            control_group_percent?: number | null;
            /** @description The BCP 47 tag of the language answers fall back to when a rule's name has neither the user's `locale` nor one the request's `Accept-Language` asks for; `en` unless set. */
            default_language?: string | null;
        };
        EcdsaKeyCreate: {
            /**
             * @description The key's Ethereum-style address: `0x` and 40 hex digits (the last 20 bytes of the
             *     Keccak-256 of the uncompressed public key). All lower or all upper case as it is; mixed
             *     case must carry a valid EIP-55 checksum. Otherwise 400, `field` `address`.
             */
            address: string;
            /**
             * @description Scopes of the requests the key signs; known names only, duplicates dropped. Otherwise
             *     400, `field` `scopes`.
             * @default [
             *       "users:read",
             *       "users:write"
             *     ]
             */
            scopes?: components["schemas"]["Scope"][] | null;
        };
        /** @description A legacy ECDSA key registered for an application. */
        EcdsaKey: {
            /**
             * @description `0x` and 40 lower-case hex digits.
             * @example 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf
             */
            address: string;
            scopes: components["schemas"]["Scope"][];
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description When the key last signed an accepted request (its signature, timestamp and nonce passed;
             *     a request then refused for lack of scope counts too), by the server's clock; `null` if it
             *     never did. Each node keeps its latest in memory and writes it every ~10 seconds (and
             *     before it lists keys), only ever moving it forward: the node that answers is current,
             *     other nodes' uses show within ~10 seconds. A key that stays `null` or old while the
             *     others move on signs no more: remove it, and turn ECDSA off when none signs.
             * @example 2026-11-22T21:37:00Z
             */
            last_used_at: string | null;
        };
        EcdsaKeyList: {
            /** @description In address order. */
            items: components["schemas"]["EcdsaKey"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description May be left out entirely. */
        RotationRequest: {
            /**
             * @description How long the replaced secret stays valid (API secret: keeps verifying tokens; client
             *     secret: keeps authenticating the client); 0 stops it at once.
             * @default 86400
             */
            grace_seconds?: number | null;
        };
        Rotation: {
            /** @description The new API secret, shown this once. */
            api_secret: string;
            /**
             * Format: date-time
             * @description When the replaced secret stops verifying tokens (now, for `grace_seconds` 0).
             */
            previous_secret_expires_at: string;
        };
        Verification: {
            /** @constant */
            authenticated: true;
            /**
             * @description How the request authenticated: `jwt` (application token), `auth_token` (server token
             *     from `POST /v1/auth_token` or `POST /oauth/token`) or `ecdsa` (legacy ECDSA request
             *     signature).
             * @enum {string}
             */
            method: "jwt" | "auth_token" | "ecdsa";
            /** @description `iss` */
            tenant_id: string;
            /** @description `aud` */
            application_id: string;
            /**
             * @description `sub`: the user id of an application token, the client id of a server token; for an
             *     ECDSA-signed request the signing key's address (`0x` and 40 lower-case hex digits).
             */
            subject: string;
            /** @description Granted scopes, in the order read, write, users:read, users:write, admin. */
            scopes: components["schemas"]["Scope"][];
            /**
             * Format: date-time
             * @description `iat`; for an ECDSA-signed request its `X-Ludus-Timestamp`.
             */
            issued_at: string;
            /**
             * Format: date-time
             * @description `exp`; for an ECDSA-signed request its timestamp plus 300 s.
             */
            expires_at: string;
            /** @description `jti`, or null when the token has none; for an ECDSA-signed request its `X-Ludus-Nonce`. */
            token_id: string | null;
        };
        /** @description Exactly one member. */
        RevocationRequest: {
            jti: string;
        } | {
            /** @description A compact JWT whose `aud` is this application and which has a `jti`. */
            token: string;
        } | {
            subject: string;
        } | {
            /** @constant */
            all: true;
        };
        Revocation: {
            /**
             * @description What was revoked.
             * @enum {string}
             */
            revoked: "token" | "subject" | "application";
            application_id: string;
            /** @description Set for `token`. */
            jti: string | null;
            /** @description Set for `subject`. */
            subject: string | null;
            /**
             * Format: date-time
             * @description Set for `subject` and `application`: tokens with an `iat` before this instant are
             *     refused. It is the whole second after the revocation.
             */
            issued_before: string | null;
            /**
             * Format: date-time
             * @description Set for `token`; the revocation is kept until then (plus 60 seconds of leeway).
             */
            until: string | null;
        };
        ClientSecretRotation: {
            /** @description The new client secret (`cs_` and 43 base64url characters), shown this once. */
            client_secret: string;
            /**
             * Format: date-time
             * @description When the replaced secret stops authenticating the client (now, for `grace_seconds` 0).
             */
            previous_secret_expires_at: string;
        };
        /** @description Spec 003's token object. */
        AuthToken: {
            /**
             * @description The compact JWS to send as `Authorization: Bearer <token>`. Treat it as opaque and do
             *     not assume a length (about 430 characters; spec 003's legacy tokens had 205).
             */
            token: string;
            /**
             * Format: int64
             * @description The token's `exp`, whole seconds since the epoch (UTC).
             * @example 1795417189
             */
            expiration: number;
            /**
             * Format: date-time
             * @description The same instant, ISO 8601 in UTC with `Z` and no fraction.
             * @example 2026-11-23T06:59:49Z
             */
            expiration_dt: string;
            /** @constant */
            token_type: "Bearer";
        };
        Jwks: {
            keys: components["schemas"]["Jwk"][];
        };
        /** @description An Ed25519 public key (RFC 8037). */
        Jwk: {
            /** @constant */
            kty: "OKP";
            /** @constant */
            crv: "Ed25519";
            /** @description The 32-byte public key, base64url without padding. */
            x: string;
            /** @description `lk_` and 20 random characters; the `kid` of the tokens it signed. */
            kid: string;
            /** @constant */
            use: "sig";
            /** @constant */
            alg: "EdDSA";
        };
        SigningKey: {
            /** @description The id of the key that signs new server tokens. */
            kid: string;
            /** Format: date-time */
            created_at: string;
            /**
             * Format: date-time
             * @description Until when the keys this one replaced stay published and accepted.
             */
            previous_keys_published_until?: string;
        };
        OAuthTokenRequest: {
            /** @constant */
            grant_type: "client_credentials";
            /**
             * @description Space-separated scope names, a subset of the application's `client_scopes`. Absent or
             *     equal to them: the client's current token. A narrower set: a separate fresh token.
             */
            scope?: string;
            /** @description Form client authentication (RFC 6749 section 2.3.1); only without a Basic header. */
            client_id?: string;
            /** @description Goes with `client_id`. */
            client_secret?: string;
        };
        OAuthTokenParameter: {
            /** @description The token to revoke or introspect. */
            token: string;
            /** @description Accepted and ignored. */
            token_type_hint?: string;
            /** @description Form client authentication; only without a Basic header. */
            client_id?: string;
            /** @description Goes with `client_id`. */
            client_secret?: string;
        };
        /** @description RFC 6749 section 5.1. No refresh token. */
        OAuthAccessToken: {
            /** @description A server token, as in `POST /v1/auth_token`. */
            access_token: string;
            /** @constant */
            token_type: "Bearer";
            /** @description Seconds until the token expires (less than 28800 when the current token is handed out again). */
            expires_in: number;
            /** @description The token's scopes, space-separated. */
            scope: string;
        };
        /** @description RFC 8414 section 2. */
        AuthorizationServerMetadata: {
            /**
             * Format: uri
             * @description `LUDUS_ISSUER`: the `iss` of server tokens.
             */
            issuer: string;
            /** Format: uri */
            token_endpoint: string;
            /** Format: uri */
            jwks_uri: string;
            scopes_supported: components["schemas"]["Scope"][];
            response_types_supported: string[];
            grant_types_supported: "client_credentials"[];
            token_endpoint_auth_methods_supported: ("client_secret_basic" | "client_secret_post")[];
            /** Format: uri */
            revocation_endpoint: string;
            revocation_endpoint_auth_methods_supported: ("client_secret_basic" | "client_secret_post")[];
            /** Format: uri */
            introspection_endpoint: string;
            introspection_endpoint_auth_methods_supported: ("client_secret_basic" | "client_secret_post")[];
        };
        /** @description RFC 7662 section 2.2. */
        Introspection: {
            /** @constant */
            active: false;
        } | {
            /** @constant */
            active: true;
            /** @description Granted scopes, space-separated, in the order read, write, users:read, users:write, admin. */
            scope: string;
            /**
             * @description For a server token (`method` `auth_token`): the client it was issued to, the
             *     application's client id (also its `sub`). Absent for an application token, which no
             *     client requested.
             */
            client_id?: string;
            sub: string;
            /** @description The application id. */
            aud: string;
            /** @description The server's issuer for a server token, the tenant id for an application token. */
            iss: string;
            exp: number;
            iat: number;
            /** @description Absent for an application token without `jti`. */
            jti?: string;
            /** @constant */
            token_type: "Bearer";
            /**
             * @description Ludus's own member, as in `GET /v1/auth/verify`.
             * @enum {string}
             */
            method: "jwt" | "auth_token";
        };
        /**
         * @description RFC 6749 section 5.2 (`error`, `error_description`), served as `application/json`, with the
         *     members of `Problem` alongside.
         */
        OAuthError: {
            /** @enum {string} */
            error: "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope" | "rate_limited";
            error_description: string;
            /** Format: uri */
            type: string;
            /** @constant */
            title: "OAuth error";
            status: number;
            /** @description The same text as `error_description`. */
            detail: string;
        };
        /**
         * @description An exact decimal: at most 6 decimal places, at most 10^12 in magnitude (otherwise 400
         *     naming the member). Kept exactly (as millionths), so 0.1 + 0.2 is 0.3. Answers write it
         *     in plain notation without trailing zeros (`1200`, `0.3`, `42.195`); parse it as a decimal
         *     where exactness matters.
         * @example 42.195
         */
        Amount: number;
        /**
         * @description A user's total of a metric: the exact sum of the values of their events (0 before the first).
         *     An event that would take it beyond about 9.2 * 10^12 either way is refused (400, `field`
         *     `value`).
         * @example 1200
         */
        Total: number;
        RuleKey: string;
        /**
         * @description Display name, stripped of surrounding white space; default the key. One string, or an object of
         *     strings by BCP 47 language tag (`{"en": "First steps", "fr": "Premiers pas"}`, 1 to 50
         *     languages, tags answered in their canonical form): answers about a user pick the user's
         *     `locale`, else the request's `Accept-Language`, else the application's `default_language`, else
         *     the first given. See docs/languages.md.
         */
        RuleName: string | components["schemas"]["LocalizedNames"];
        /**
         * @description Texts by BCP 47 language tag.
         * @example {
         *       "en": "First steps",
         *       "fr": "Premiers pas"
         *     }
         */
        LocalizedNames: {
            [key: string]: string;
        };
        /** @description A name as the definition gives it, a string or texts by language tag. */
        LocalizedName: string | components["schemas"]["LocalizedNames"];
        /** @description A description as the definition gives it, a string or texts by language tag; null for none. */
        LocalizedDescription: string | {
            [key: string]: string;
        } | null;
        /** @description A string, or an object of strings by BCP 47 language tag (as `name`); null for none. */
        RuleDescription: string | {
            [key: string]: string;
        } | null;
        /**
         * @description Attribute name -> value: the trigger counts only events whose `attributes` hold every entry
         *     exactly (names `[A-Za-z0-9_.-]{1,64}`, values at most 256 characters). Empty: every event.
         */
        Filter: {
            [key: string]: string;
        };
        /**
         * @description What `?dry_run=true` adds to the answer of a rule `PUT` (status 200, no `Location`): the rest
         *     of the answer is the one the `PUT` would give, with the rule as it would be stored (and, for
         *     achievements and leaderboards, `backfilled_users`: how many users its backfill would reach).
         *     Nothing is written. A real `PUT` answers without these members. See `docs/rules.md`.
         */
        RuleDryRun: {
            /** @constant */
            dry_run?: true;
            /**
             * @description What the `PUT` would do: `created` (a new key, 201), `restored` (an archived rule made
             *     active again, 201), `changed` (the active rule gets this definition, 200), `unchanged`
             *     (the active rule already has it, 200).
             * @enum {string}
             */
            result?: "created" | "restored" | "changed" | "unchanged";
            /**
             * @description The members of the definition whose value would differ from the stored definition
             *     (archived or not), in name order: every member for a new key, none when unchanged.
             */
            changed_members?: string[];
        };
        MetricDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /**
             * @description Whether an event may carry a negative value (the total may then go down).
             * @default false
             */
            allow_negative?: boolean;
            /** @description A guard that flags a user sending this metric's events too fast; null or absent for none. */
            velocity?: components["schemas"]["VelocityGuard"] | null;
        };
        /**
         * @description More than `max_events` events of the metric from one user arriving within `seconds` (by the
         *     server's clock on arrival, not `occurred_at`) flags the user (`flag` on the user and in the event
         *     answer, webhook `user.flagged`). With `hold`, the user's events then award nothing (no points,
         *     achievements, streaks or quests; totals still count) until `DELETE /v1/users/{id}/flag`. A
         *     flagged user is not flagged again until cleared. See docs/fair-play.md.
         */
        VelocityGuard: {
            max_events: number;
            seconds: number;
            /** @default false */
            hold?: boolean;
        };
        Metric: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            allow_negative: boolean;
            velocity: components["schemas"]["VelocityGuard"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When the rule was archived; null while active.
             */
            archived_at: string | null;
        };
        /** @description The body of `PUT /v1/leaderboards/{key}`. */
        LeaderboardDefinition: WithRequired<components["schemas"]["LeaderboardFields"], "rank_by">;
        /**
         * @description The members of a leaderboard definition, shared by the request and the answers (open here;
         *     each schema that uses it closes itself with `unevaluatedProperties: false`).
         */
        LeaderboardFields: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /** @description What the board ranks by; the rule must be active (else 400 `unknown_rule`). */
            rank_by?: {
                /** @constant */
                type: "metric";
                metric: string;
            } | {
                /** @constant */
                type: "points";
                system: string;
            } | {
                /** @constant */
                type: "streak";
                streak: string;
            };
            /**
             * @default all_time
             * @enum {string}
             */
            period?: "all_time" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
            /**
             * @description IANA time zone the periods are cut in.
             * @default UTC
             */
            timezone?: string;
            /**
             * @default monday
             * @enum {string}
             */
            week_start?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            /**
             * Format: date-time
             * @description Updates before it change nothing.
             */
            starts_at?: string | null;
            /**
             * Format: date-time
             * @description After starts_at; from it on the board is frozen.
             */
            ends_at?: string | null;
            /** @description User profile attributes that must all match at the time of a score update. */
            filter?: {
                [key: string]: string;
            };
        };
        /** @description A leaderboard as stored; every member is present (`null` where not set). */
        Leaderboard: components["schemas"]["LeaderboardFields"] & components["schemas"]["LeaderboardRecord"];
        /** @description What a stored leaderboard adds to its definition, and the members always answered. */
        LeaderboardRecord: {
            key: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            archived_at: string | null;
        };
        /** @description The answer of `PUT /v1/leaderboards/{key}` (with the members of `RuleDryRun` in a dry run). */
        LeaderboardPut: components["schemas"]["LeaderboardFields"] & components["schemas"]["LeaderboardRecord"] & components["schemas"]["RuleDryRun"] & {
            /** @description Users given a score by the backfill of a new all-time board. */
            backfilled_users: number;
        };
        LeaderboardList: {
            items: components["schemas"]["Leaderboard"][];
            next_cursor: string | null;
        };
        LeaderboardPeriod: {
            /**
             * @description `all`, a local date (day; first day of a week) or `YYYY-MM`.
             * @example 2026-12-01
             */
            key: string;
            /**
             * Format: date-time
             * @description Null for all-time.
             */
            start: string | null;
            /**
             * Format: date-time
             * @description Exclusive; null for all-time.
             */
            end: string | null;
            /** @description The period (or the board's ends_at) is over; its scores are frozen. */
            finished: boolean;
        };
        LeaderboardEntry: {
            /** @description Shared among equal scores (1, 2, 2, 4). */
            rank: number;
            user_id: string;
            /** @description Metric boards: a decimal; points and streak boards: a whole number. */
            score: number;
            /**
             * Format: date-time
             * @description When the user reached this score.
             */
            reached_at: string;
        };
        LeaderboardRanking: {
            leaderboard: components["schemas"]["Leaderboard"];
            period: components["schemas"]["LeaderboardPeriod"];
            participants: number;
            entries: components["schemas"]["LeaderboardEntry"][];
            /** @description Null on the last page and with `around`. */
            next_cursor: string | null;
        };
        LeaderboardUser: {
            user_id: string;
            rank: number;
            score: number;
            percentile: number;
            previous_rank: number | null;
            /** Format: date-time */
            reached_at: string;
            participants: number;
            period: components["schemas"]["LeaderboardPeriod"];
        };
        /** @description A board whose score the write changed. */
        LeaderboardChange: {
            key: string;
            period: string;
            score: number;
            /** @description Computed in the transaction: 1 + the users with a higher score in the index as of the previous commit. */
            rank: number;
            /** @description The rank before this write; null when the user was not ranked in that period. */
            previous_rank?: number | null;
        };
        MetricList: {
            /** @description In key order. */
            items: components["schemas"]["Metric"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description `points` for every full `per` units of `metric` this trigger has counted for the user;
         *     the remainder carries over to the next event (per 100: events of 60 and 60 award once, on
         *     the second). A negative value (metric with `allow_negative`) takes points back the same
         *     way.
         */
        MetricPointsTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "metric";
            metric: components["schemas"]["RuleKey"];
            /** @description Whole points per unit; not 0; negative takes points away. */
            points: number;
            /**
             * @description The unit, above 0.
             * @default 1
             */
            per?: components["schemas"]["Amount"];
            filter?: components["schemas"]["Filter"];
        };
        /** @description `points` when `achievement` unlocks for the user (backfilled unlocks included). */
        AchievementPointsTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "achievement";
            achievement: components["schemas"]["RuleKey"];
            points: number;
        };
        /**
         * @description `points` each time the user's run in `streak` grows to exactly `length` periods: once per
         *     run, and again when a lost run is rebuilt to that length. A run already longer when the
         *     trigger is added pays only at its next rebuild to `length`.
         */
        StreakPointsTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "streak";
            streak: components["schemas"]["RuleKey"];
            /** @description A run length in periods (days or weeks, as the streak counts). */
            length: number;
            points: number;
        };
        PointsTrigger: components["schemas"]["MetricPointsTrigger"] | components["schemas"]["AchievementPointsTrigger"] | components["schemas"]["StreakPointsTrigger"];
        Level: {
            name: components["schemas"]["RuleName"];
            /** @description The balance at which the level starts; strictly ascending through `levels`. */
            threshold: number;
            /**
             * Format: uri
             * @description An https address of its picture (with a host, no user information), carried by answers; null or absent for none.
             */
            image_url?: string | null;
        };
        PointsSystemDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            triggers?: components["schemas"]["PointsTrigger"][];
            /**
             * @description Cap on the balance: an award that would pass it is cut to reach it (`capped: true`).
             *     Null or absent: no cap.
             */
            max_points?: number | null;
            /**
             * @description Whether the balance may go below zero. Without it, a deduction stops at zero
             *     (`capped: true`) and spending more than the balance is refused (409
             *     `insufficient_points`).
             * @default false
             */
            allow_negative?: boolean;
            /**
             * @description The user's level is the last one whose threshold the balance reaches; its `number` is its
             *     1-based position here. Below the first threshold the user has no level (null).
             */
            levels?: components["schemas"]["Level"][];
            /**
             * @description Earning caps: at most `points` a period from events (of `metric`, or of every metric when it is
             *     absent or null), per user, in the user's timezone. Events past a cap still count toward
             *     totals, achievements, streaks and quests; only their points are cut (`capped: true` and `cap`
             *     in the answer). Points from achievements, streaks, quests and adjustments are not capped,
             *     nor are points taken away. One cap per metric and period.
             */
            caps?: components["schemas"]["EarningCap"][];
            /** @description Points that expire; null or absent for points that never do. See docs/points-expiry.md. */
            expiry?: components["schemas"]["PointsExpiry"] | null;
            /** @description Seasons after which balances start again from zero; null or absent for none. See docs/seasons.md. */
            season?: components["schemas"]["PointsSeason"] | null;
        };
        /**
         * @description The points earned on a day (UTC) live `after_days` full days after it and expire at the start
         *     of the next (earned on 2037-01-10 with 30: gone at 2037-02-10T00:00:00Z). Spending takes the
         *     oldest points first. Expired points are taken away when the user is next written, or by the
         *     expiry sweep (`LUDUS_EXPIRY_SWEEP_INTERVAL`), as a history entry of source `expiry` and reason
         *     `expired` and a `points.changed` webhook; a lot keeps the lifetime it was earned under.
         *     With `notice_days`, a `points.expiring` webhook tells of each lot `notice_days` days (of 24
         *     hours) before it expires, once, if it still holds points.
         */
        PointsExpiry: {
            after_days: number;
            /** @description Days ahead of a lot's expiry its `points.expiring` notice goes out, 1 to `after_days`; null or absent for no notice. */
            notice_days?: number | null;
        };
        /**
         * @description Balances start again from zero at the start of every period (season) in `timezone`: at a
         *     season's end each non-zero balance's final standing is kept (`GET /v1/points/{key}/seasons`)
         *     and the balance goes back to zero, with its expiring lots, as a history entry of source
         *     `season`, reason `season_ended` and the season's key as reference, and a `points.changed`
         *     webhook. This happens at the user's next write or by the expiry sweep. See docs/seasons.md.
         */
        PointsSeason: {
            /** @enum {string} */
            period: "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
            /**
             * @description IANA time zone the seasons are cut in.
             * @default UTC
             */
            timezone?: string;
            /**
             * @default monday
             * @enum {string}
             */
            week_start?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
        };
        Season: {
            /** @description `2027` (year), `2027-Q1` (quarter), `2027-03` (month), or the local date of a week's first day or of a day. */
            key: string;
            /** Format: date-time */
            start: string;
            /**
             * Format: date-time
             * @description Exclusive.
             */
            end: string;
        };
        SeasonList: {
            points_system: string;
            /** @description The season running now; null for a system without seasons or archived. */
            current: components["schemas"]["Season"] | null;
            /** @description The seasons that ended with at least one non-zero balance, newest first. */
            seasons: {
                key: string;
                /** Format: date-time */
                start: string;
                /** Format: date-time */
                end: string;
                /** @description Users whose balance was not zero at its end. */
                participants: number;
            }[];
        };
        SeasonStandings: {
            points_system: string;
            season: components["schemas"]["Season"];
            /** @description By points, highest first, then user id; equal points share a rank (1, 2, 2, 4). */
            entries: {
                rank: number;
                user_id: string;
                /** @description The balance at the season's end. */
                points: number;
                level: components["schemas"]["LevelReached"];
            }[];
            next_cursor: string | null;
        };
        UserSeasonList: {
            /** @description Newest first. */
            items: {
                season: components["schemas"]["Season"];
                /** @description The balance at the season's end. */
                points: number;
                level: components["schemas"]["LevelReached"];
            }[];
            next_cursor: string | null;
        };
        EarningCap: {
            /** @description The metric whose events' points count; null or absent for every metric. */
            metric?: string | null;
            points: number;
            /**
             * @description The user's hour, day or week (from Monday 00:00) in their timezone (the profile's, else the
             *     application's), by the event's arrival. A user whose timezone changes starts a new period.
             * @enum {string}
             */
            period: "hour" | "day" | "week";
        };
        /** @description The definition in canonical form (every member present, `per` and `filter` filled in). */
        PointsSystem: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            triggers: components["schemas"]["PointsTrigger"][];
            max_points: number | null;
            allow_negative: boolean;
            levels: components["schemas"]["Level"][];
            caps: components["schemas"]["EarningCap"][];
            expiry: components["schemas"]["PointsExpiry"] | null;
            season: components["schemas"]["PointsSeason"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            archived_at: string | null;
        };
        PointsSystemList: {
            /** @description In key order. */
            items: components["schemas"]["PointsSystem"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description Unlocks when the user's total of `metric` is at least `threshold`. */
        MetricAchievementTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "metric";
            metric: components["schemas"]["RuleKey"];
            threshold: components["schemas"]["Amount"];
        };
        /**
         * @description Unlocks when the user's longest run in `streak` reaches `length` periods (checked at every
         *     event that counts toward the streak, and by the backfill of a `PUT`).
         */
        StreakAchievementTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "streak";
            streak: components["schemas"]["RuleKey"];
            length: number;
        };
        /** @description Unlocks only through `POST /v1/users/{id}/achievements/{key}/complete`. */
        ApiAchievementTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "api";
        };
        /**
         * @description Unlocks when the user holds every prerequisite. 1 to 20 achievement keys (duplicates are
         *     dropped); not the achievement itself, and no chain of prerequisites may lead back to it.
         */
        CompositeAchievementTrigger: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "composite";
            prerequisites: components["schemas"]["RuleKey"][];
        };
        AchievementTrigger: components["schemas"]["MetricAchievementTrigger"] | components["schemas"]["StreakAchievementTrigger"] | components["schemas"]["ApiAchievementTrigger"] | components["schemas"]["CompositeAchievementTrigger"];
        /** @description Points granted in `system` when the achievement unlocks. */
        Reward: {
            system: components["schemas"]["RuleKey"];
            points: number;
        };
        AchievementDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /**
             * Format: uri
             * @description An https address of its picture (with a host, no user information), carried by answers; null or absent for none.
             */
            image_url?: string | null;
            /**
             * @description Shown only to `admin` tokens and to users who hold it.
             * @default false
             */
            hidden?: boolean;
            trigger: components["schemas"]["AchievementTrigger"];
            reward?: components["schemas"]["Reward"] | null;
        };
        Achievement: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            hidden: boolean;
            trigger: components["schemas"]["AchievementTrigger"];
            reward: components["schemas"]["Reward"] | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            archived_at: string | null;
            /** @description How many users hold it. */
            completions: number;
            /** @description `completions` divided by the application's users, to 4 decimal places; 0 without users. */
            rarity: number;
        };
        AchievementPut: components["schemas"]["Achievement"] & {
            /** @description How many users got the achievement by the backfill of this `PUT`. */
            backfilled_users: number;
        };
        AchievementListItem: components["schemas"]["Achievement"] & {
            /** @description Whether the token's subject holds it. */
            unlocked: boolean;
        };
        AchievementList: {
            /** @description In key order. */
            items: components["schemas"]["AchievementListItem"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description The user's total of `metric` over one period must reach `threshold`. */
        StreakCondition: {
            metric: components["schemas"]["RuleKey"];
            /**
             * @description Above 0. The sum of the period's events of the metric, not the all-time total.
             * @default 1
             */
            threshold?: components["schemas"]["Amount"];
        };
        /**
         * @description Freezes: each covers one missed period while a run is going, and is consumed
         *     automatically. Absent: no freezes (`0`, `0`, `0`).
         */
        StreakFreezes: {
            /**
             * @description Freezes every user starts with; at most `max`.
             * @default 0
             */
            initial?: number;
            /**
             * @description One more freeze every this many met periods (frozen ones do not count), up to `max`;
             *     0: never earned.
             * @default 0
             */
            earn_every?: number;
            /**
             * @description The most freezes a user may hold (earned and granted freezes stop there). Default:
             *     `initial`, or 1 when that is 0 and `earn_every` is set.
             */
            max?: number;
        };
        StreakDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /**
             * @description A local day or a local week, in each user's timezone (a day lasts 23 or 25 hours when
             *     the clocks change). Cannot change once defined (409 `streak_immutable`).
             * @default daily
             * @enum {string}
             */
            period?: "daily" | "weekly";
            /**
             * @description The local day a week starts on, at midnight (weekly streaks; kept but unused for daily
             *     ones). Any case is accepted; answers write it in lower case. A weekly streak's cannot
             *     change once defined (409 `streak_immutable`).
             * @default monday
             * @enum {string}
             */
            week_start?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            /** @description One per metric (a metric named twice is refused, naming the second). */
            conditions: components["schemas"]["StreakCondition"][];
            /**
             * @description `all`: every condition must hold in a period; `any`: one suffices.
             * @default all
             * @enum {string}
             */
            combine?: "all" | "any";
            freezes?: components["schemas"]["StreakFreezes"];
        };
        /** @description The definition in canonical form (every member present, defaults filled in). */
        StreakRule: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            /** @enum {string} */
            period: "daily" | "weekly";
            /** @enum {string} */
            week_start: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            conditions: {
                metric: string;
                threshold: components["schemas"]["Amount"];
            }[];
            /** @enum {string} */
            combine: "all" | "any";
            freezes: {
                initial: number;
                earn_every: number;
                max: number;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            archived_at: string | null;
        };
        StreakRuleList: {
            /** @description In key order. */
            items: components["schemas"]["StreakRule"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description Flat string map; names `[A-Za-z0-9_.-]{1,64}`, values at most 256 characters. */
        Attributes: {
            [key: string]: string;
        };
        /** @description Flat string map; names `[A-Za-z0-9_.-]{1,64}`, values at most 500 characters. */
        UserAttributes: {
            [key: string]: string;
        };
        /**
         * @description In `PUT /v1/users/{id}`, the whole profile: a member left out or null is cleared. In the
         *     `user` member of an event, only the members given change (null clears one).
         */
        UserProfile: {
            name?: string | null;
            /** @description Must contain `@` with text on both sides and no white space. */
            email?: string | null;
            /**
             * @description An IANA time zone id such as `Europe/Paris`, or `UTC`.
             * @example Europe/Paris
             */
            timezone?: string | null;
            /**
             * @description The user's own language, a BCP 47 tag such as `fr` or `pt-BR` (answered in canonical form): answers about them name rules in it first. Null for none.
             * @example pt-BR
             */
            locale?: string | null;
            attributes?: components["schemas"]["UserAttributes"] | null;
        };
        User: {
            id: string;
            name: string | null;
            email: string | null;
            timezone: string | null;
            /** @description The user's own language, a BCP 47 tag such as `fr` or `pt-BR` (answered in canonical form): answers about them name rules in it first. Null for none. */
            locale: string | null;
            attributes: components["schemas"]["UserAttributes"];
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When Ludus last received an event for the user; their creation until the first.
             */
            last_active_at: string;
            /** @description The flag a velocity guard raised, until cleared; null when not flagged. */
            flag: components["schemas"]["UserFlag"] | null;
            /**
             * @description Whether the user is in the application's control group (`control_group_percent`): hide the
             *     game from them.
             */
            control_group: boolean;
        };
        UserFlag: {
            /** @enum {string} */
            reason: "velocity";
            /** @description The metric whose guard flagged the user. */
            metric: string;
            /** @description The events of the metric that arrived within the guard's window, the last one included. */
            events: number;
            /** @description The guard's window. */
            seconds: number;
            /** @description Whether the user's events award nothing until the flag is cleared. */
            hold: boolean;
            /** Format: date-time */
            flagged_at: string;
        };
        FlagClearAnswer: {
            user_id: string;
            /** @description Whether the user was flagged (false changes nothing). */
            cleared: boolean;
            /** @description The flag cleared; null when there was none. */
            flag: components["schemas"]["UserFlag"] | null;
        };
        UserList: {
            /** @description In the order of `sort`. */
            items: (components["schemas"]["User"] & {
                /** @description The balance in the points system of `sort=balance:<system>`; only with that sort. */
                balance?: number;
            })[];
            /** @description Pass as `cursor` (with the same `sort`) for the next page; null on the last page. */
            next_cursor: string | null;
        };
        EventRequest: {
            metric: components["schemas"]["RuleKey"];
            /**
             * @description The user; `me` or absent means the token's subject. Another user needs `users:write`.
             * @default me
             */
            user_id?: string;
            /**
             * @description Added to the user's total; negative only if the metric has `allow_negative`.
             * @default 1
             */
            value?: components["schemas"]["Amount"];
            /**
             * Format: date-time
             * @description When it happened, an ISO 8601 instant with an offset; default: when it is received. Within
             *     `LUDUS_EVENT_MAX_AGE` (default `P7D`) before and `LUDUS_EVENT_MAX_SKEW` (default `PT5M`)
             *     after the server's clock.
             */
            occurred_at?: string;
            attributes?: components["schemas"]["Attributes"];
            user?: components["schemas"]["UserProfile"];
            /** @description As the `Idempotency-Key` header; if both are given they must be equal. */
            idempotency_key?: string;
        };
        Event: {
            /**
             * @description `evt_` and 20 random characters.
             * @example evt_65y64trgdt9t8ma45ykn
             */
            id: string;
            user_id: string;
            metric: string;
            value: components["schemas"]["Amount"];
            /** Format: date-time */
            occurred_at: string;
            /**
             * Format: date-time
             * @description When it was applied.
             */
            received_at: string;
            attributes: components["schemas"]["Attributes"];
        };
        MetricTotal: {
            key: string;
            total: components["schemas"]["Total"];
        };
        /** @description One entry per points system whose balance this request changed, or tried to change (see `capped`). */
        PointsChange: {
            system: string;
            /** @description Points added (negative when taken) by this request, after the cap and the zero floor. */
            awarded: number;
            /** @description The balance afterwards. */
            balance: number;
            /**
             * @description Whether `max_points`, the zero floor or an earning cap cut an award short (`awarded` can then
             *     be 0).
             */
            capped: boolean;
            /** @description The earning cap that cut what the event earned; null when none did. */
            cap: components["schemas"]["CapReached"] | null;
        };
        CapReached: {
            /** @description The cap's metric; null for a cap on every metric. */
            metric: string | null;
            /** @enum {string} */
            period: "hour" | "day" | "week";
            /** @description The most the cap allows a period. */
            points: number;
            /** @description What events earned toward it in the current period, this one included. */
            earned: number;
            /**
             * Format: date-time
             * @description When the current period ends (the user's next hour, midnight or Monday).
             */
            resets_at: string;
        };
        /** @description A level as the user holds it; null below the first threshold (or without levels). */
        LevelReached: {
            /** @description 1-based position in the system's `levels`. */
            number: number;
            name: string;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
        } | null;
        /** @description The level moved (up or down) in a system. */
        LevelChange: {
            system: string;
            previous: components["schemas"]["LevelReached"];
            current: components["schemas"]["LevelReached"];
        };
        Unlock: {
            key: string;
            name: string;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            /** Format: date-time */
            unlocked_at: string;
            /** @description Always false in write answers; true in progress for unlocks granted by a backfill. */
            backfilled: boolean;
            reward: components["schemas"]["Reward"] | null;
        };
        EventAnswer: {
            event: components["schemas"]["Event"];
            metric: components["schemas"]["MetricTotal"];
            points: components["schemas"]["PointsChange"][];
            levels: components["schemas"]["LevelChange"][];
            /** @description Achievements this event unlocked, composites included. */
            achievements: components["schemas"]["Unlock"][];
            /**
             * @description What this event did to the streaks whose conditions name its metric, streak by streak
             *     in key order: first the periods that ended since the user's last write to the streak
             *     (settled now: `freeze_consumed`, `lost`), then the event's own effect (`extended`,
             *     `freeze_earned`). Empty when nothing changed (the period was already met, the
             *     conditions are not met yet, or the event is for a period before the streak's current
             *     one).
             */
            streaks: components["schemas"]["StreakChange"][];
            /**
             * @description What this event did to the user's quests, quest by quest in key order: first the windows
             *     that ended unfinished since the user's last write to the quest (`expired`), then the
             *     steps the event completed (`step_completed`) and the quests it completed (`completed`,
             *     with the prize paid; an achievement won as a prize may complete steps of other quests,
             *     reported after it). Empty when nothing changed.
             */
            quests: components["schemas"]["QuestChange"][];
            /**
             * @description The user's flag after this event (raised by it or before it, until cleared); null when not
             *     flagged. With `hold`, the event awarded nothing but its total.
             */
            flag: components["schemas"]["UserFlag"] | null;
            /**
             * @description True for a user of the application's control group: the event counted as for anyone, but
             *     `points`, `levels`, `achievements`, `streaks`, `quests` and `leaderboards` are empty, so
             *     that the application shows them no game.
             */
            control_group: boolean;
            /** @description The leaderboards whose score for this user the event changed. */
            leaderboards: components["schemas"]["LeaderboardChange"][];
            /** @description True when this is the stored answer of an earlier request with the same key. */
            idempotent_replayed: boolean;
        };
        EventBatch: {
            events: components["schemas"]["EventRequest"][];
        };
        EventBatchResult: {
            /** @description 201, or the status the event alone would have been refused with (400, 403, 409, 503). */
            status: number;
            body: components["schemas"]["EventAnswer"] | null;
            error: components["schemas"]["Problem"] | null;
        };
        EventBatchAnswer: {
            /** @description One per event, in input order. */
            results: components["schemas"]["EventBatchResult"][];
        };
        ValidatedEvent: {
            /** @constant */
            valid: true;
            /** @description The user the event would be recorded for (`me` resolved). */
            user_id: string;
            metric: string;
            value: components["schemas"]["Amount"];
            /** Format: date-time */
            occurred_at: string;
            attributes: components["schemas"]["Attributes"];
        };
        MetricProgress: {
            key: string;
            name: string;
            total: components["schemas"]["Total"];
        };
        /** @description The first level above the current balance; null at the top (or without levels). */
        NextLevel: {
            number: number;
            name: string;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            threshold: number;
            /** @description Points still needed. */
            remaining: number;
        } | null;
        /**
         * @description The balance as of now: points whose lifetime ended and a season that ended are left out
         *     already, even before the write that records them.
         */
        PointsProgress: {
            system: string;
            name: string;
            balance: number;
            level: components["schemas"]["LevelReached"];
            next_level: components["schemas"]["NextLevel"];
            /** @description The season running now, for a system with seasons; null otherwise. */
            season: components["schemas"]["Season"] | null;
            /** @description The points that expire first, and when; null when none of the balance expires. */
            next_expiry: null | {
                points: number;
                /** Format: date-time */
                expires_at: string;
            };
        };
        AchievementProgress: {
            key: string;
            name: string;
            /** @description The achievement's description in the reader's language; null for none. */
            description: string | null;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            hidden: boolean;
            unlocked: boolean;
            /** Format: date-time */
            unlocked_at: string | null;
            /** @description Whether a backfill (a `PUT` of the achievement) granted it. */
            backfilled: boolean;
            /**
             * @description Metric trigger: the user's total and the threshold; streak: the user's longest run
             *     (at most the length) and the length; composite: prerequisites held and needed; null for
             *     `api`. `current` may exceed `target` (metric).
             */
            progress: {
                current: number;
                target: number;
            } | null;
        };
        Progress: {
            user_id: string;
            /** @description Every active metric, in key order. */
            metrics: components["schemas"]["MetricProgress"][];
            /** @description Every active points system, in key order. */
            points: components["schemas"]["PointsProgress"][];
            /** @description Every active achievement the caller may see, in key order. */
            achievements: components["schemas"]["AchievementProgress"][];
            /** @description Every active streak, in key order, settled as of now (as `GET /v1/users/{id}/streaks`). */
            streaks: components["schemas"]["StreakProgress"][];
            /** @description The user's latest events, newest (last applied) first. */
            recent_events: components["schemas"]["Event"][];
        };
        PointsAdjustment: {
            /** @description Positive grants, negative spends. */
            amount: number;
            /** @description Kept in the points history. */
            reason: string;
        };
        PointsAdjustmentAnswer: {
            user_id: string;
            system: string;
            /** @description The change applied, after the cap and the zero floor. */
            amount: number;
            balance: number;
            capped: boolean;
            reason: string;
            level: components["schemas"]["LevelReached"];
            levels: components["schemas"]["LevelChange"][];
            idempotent_replayed: boolean;
        };
        PointsHistoryEntry: {
            /** @description Increases with every entry (commit order). */
            id: number;
            amount: number;
            /** @description The balance after this entry. */
            balance: number;
            /**
             * @description `event`: a metric trigger; `achievement`: a reward or an achievement trigger; `streak`: a
             *     streak trigger (a run grew to its length); `adjustment`: by hand; `reward`: a reward's
             *     cost, spent by a redemption; `refund`: that cost given back when the redemption was
             *     cancelled; `quest`: a completed quest's prize; `expiry`: points whose lifetime ended, taken
             *     away (reason `expired`, no reference); `season`: the balance back to zero as its season
             *     ended (reason `season_ended`, the season's key as reference).
             * @enum {string}
             */
            source: "event" | "achievement" | "streak" | "adjustment" | "reward" | "refund" | "quest" | "expiry" | "season";
            /**
             * @description The event id (`event`), the achievement key (`achievement`), the streak key (`streak`),
             *     the redemption id (`reward`, `refund`), the quest key (`quest`), the season's key
             *     (`season`), null (`adjustment`, `expiry`).
             */
            reference: string | null;
            /**
             * @description The adjustment's reason; for the entries of a redemption, a cancellation or a quest join
             *     (`joined quest 'week'`), what made them; `expired` for points whose lifetime ended;
             *     `season_ended` for a balance back to zero at its season's end; null otherwise.
             */
            reason: string | null;
            /** Format: date-time */
            created_at: string;
        };
        PointsHistory: {
            /** @description Newest first. */
            items: components["schemas"]["PointsHistoryEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        CompletionAnswer: {
            user_id: string;
            achievement: string;
            /** @description True when the user already held it; nothing changed then. */
            already_unlocked: boolean;
            /** @description What unlocked, the achievement and any composite it completed. */
            achievements: components["schemas"]["Unlock"][];
            points: components["schemas"]["PointsChange"][];
            levels: components["schemas"]["LevelChange"][];
            /**
             * @description What the completion did to the user's quests whose achievement steps name an
             *     achievement it unlocked, as in the event answer's `quests`: windows that ended
             *     unfinished (`expired`), steps completed (`step_completed`) and quests completed
             *     (`completed`, with the prize paid, whose points and achievements are in `points` and
             *     `achievements`). Empty when nothing changed (or `already_unlocked`).
             */
            quests: components["schemas"]["QuestChange"][];
            idempotent_replayed: boolean;
        };
        /** @description One condition in the current period; `value` is the user's total of the metric in it so far. */
        StreakConditionProgress: {
            metric: string;
            /** @description The sum of the metric's events in the current period so far (an exact decimal). */
            value: number;
            threshold: components["schemas"]["Amount"];
            /** @description Whether `value` reaches `threshold`. */
            met: boolean;
        };
        /**
         * @description A user's standing in a streak as of now. Periods that ended since the user's last write to
         *     the streak are settled for this answer without writing anything: an unmet one with a run
         *     going consumes a freeze (`freezes` one less) or ends the run (`current` 0).
         */
        StreakProgress: {
            key: string;
            name: string;
            /** @enum {string} */
            period: "daily" | "weekly";
            /**
             * @description The IANA timezone the current period is judged in: the user's (else the application's
             *     default). After a timezone change, the period running at the time keeps its zone until
             *     it ends.
             * @example Europe/Paris
             */
            timezone: string;
            /**
             * @description The run: consecutive periods met (a frozen period keeps the run without adding to it),
             *     the current period included once met; 0 when no run is going.
             */
            current: number;
            /** @description The longest run the user ever had in this streak. */
            longest: number;
            /** @description Freezes held now. */
            freezes: number;
            /** @description The streak's `freezes.max`. */
            max_freezes: number;
            /**
             * Format: date-time
             * @description When the current period started (local midnight, as a UTC instant).
             */
            period_start: string;
            /**
             * Format: date-time
             * @description When it ends (exclusive); 23 or 25 hours after the start on days the clocks change.
             */
            period_end: string;
            /** @description Whether the current period already meets the conditions. */
            period_met: boolean;
            /**
             * @description A run is going and the current period is not met yet. Freezes held do not change it:
             *     see `expires_at`.
             */
            at_risk: boolean;
            /**
             * Format: date-time
             * @description When the run ends if nothing more is met: the end of the current period if it is unmet,
             *     pushed one period later by a met current period and one more per freeze held (future
             *     periods in the user's current timezone). Null when no run is going.
             */
            expires_at: string | null;
            /** @description In the order of the definition. */
            conditions: components["schemas"]["StreakConditionProgress"][];
        };
        UserStreakList: {
            user_id: string;
            /** @description Every active streak, in key order. */
            streaks: components["schemas"]["StreakProgress"][];
        };
        /**
         * @description One change of a user's streak. Members that do not apply to the `change` are null:
         *
         *     | `change` | set members |
         *     | --- | --- |
         *     | `extended` (a period was met; the run grew) | `length`, `longest`, `period_start`, `period_end` |
         *     | `freeze_consumed` (a missed period was covered) | `length` (the run kept), `period_start`, `period_end` (the missed period), `freezes` (left) |
         *     | `freeze_earned` | `freezes` (held now) |
         *     | `lost` (a missed period ended the run) | `length` (the run that ended), `period_start`, `period_end` (the missed period) |
         *     | `freezes_granted` (through the API) | `granted`, `freezes` (held now) |
         */
        StreakChange: {
            /** @description The streak's key. */
            key: string;
            /** @enum {string} */
            change: "extended" | "freeze_consumed" | "freeze_earned" | "lost" | "freezes_granted";
            length: number | null;
            longest: number | null;
            /** Format: date-time */
            period_start: string | null;
            /** Format: date-time */
            period_end: string | null;
            freezes: number | null;
            granted: number | null;
        };
        /** @description One recorded period of a user's streak. */
        StreakPeriod: {
            /** Format: date-time */
            period_start: string;
            /** Format: date-time */
            period_end: string;
            /**
             * Format: date
             * @description The local date the period starts on, in `timezone` (a week's first day).
             */
            first_day: string;
            /** @description The timezone the period was judged in. */
            timezone: string;
            /**
             * @description `met`: the conditions held (recorded when they did); `frozen`: a freeze covered it;
             *     `missed`: it ended the run.
             * @enum {string}
             */
            result: "met" | "frozen" | "missed";
            /** @description `met`: the run after it; `frozen`: the run kept; `missed`: the run that ended. */
            length: number;
            /**
             * Format: date-time
             * @description When the write that recorded it happened.
             */
            recorded_at: string;
        };
        StreakHistory: {
            /** @description Newest (latest `period_start`) first. */
            items: components["schemas"]["StreakPeriod"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        FreezeGrant: {
            /**
             * @description Freezes to give; the user's holding stops at the streak's `freezes.max`.
             * @default 1
             */
            count?: number;
        };
        FreezeAnswer: {
            user_id: string;
            streak: string;
            /** @description The `count` asked for. */
            requested: number;
            /** @description The freezes actually given (fewer than `requested` at the cap). */
            granted: number;
            /** @description Freezes held now. */
            freezes: number;
            max_freezes: number;
            /**
             * @description What the grant did: the periods it settled first (`freeze_consumed`, `lost`), then one
             *     `freezes_granted`.
             */
            streaks: components["schemas"]["StreakChange"][];
            idempotent_replayed: boolean;
        };
        RewardDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /**
             * Format: uri
             * @description An https address of its picture (with a host, no user information), carried by answers; null or absent for none.
             */
            image_url?: string | null;
            /** @description The key of an active points system, the currency the cost is paid in. */
            points_system: components["schemas"]["RuleKey"];
            /** @description Whole points of `points_system` spent by one redemption. */
            cost: number;
            /**
             * @description How many may be redeemed in all; a cancelled redemption gives its unit back. Null or
             *     absent: unlimited.
             */
            stock?: number | null;
            /**
             * @description How many redemptions one user may hold (cancelled ones do not count). Null or absent:
             *     no limit.
             */
            per_user_limit?: number | null;
            /**
             * Format: date-time
             * @description The first instant it may be redeemed at. Null or absent: from now on.
             */
            available_from?: string | null;
            /**
             * Format: date-time
             * @description The instant from which it may no longer be redeemed; after `available_from` (otherwise
             *     400 naming `available_until`). Null or absent: no end.
             */
            available_until?: string | null;
            /**
             * @description The 1-based number of a level of `points_system` (which must have that many levels,
             *     otherwise 400 naming `level_required`): the user's level before spending must be at
             *     least that level. Null or absent: any user.
             */
            level_required?: number | null;
        };
        /** @description The definition in canonical form (every member present), with how many are redeemed and left. */
        RewardRule: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            points_system: string;
            cost: number;
            stock: number | null;
            per_user_limit: number | null;
            /** Format: date-time */
            available_from: string | null;
            /** Format: date-time */
            available_until: string | null;
            level_required: number | null;
            /** @description Its redemptions that are not cancelled (pending or fulfilled). */
            redeemed: number;
            /** @description `stock` - `redeemed`; null when the stock is unlimited. */
            remaining: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            archived_at: string | null;
        };
        RewardRuleList: {
            /** @description In key order. */
            items: components["schemas"]["RewardRule"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description `pending`: redeemed, not yet handed over; `fulfilled`: handed over; `cancelled`: refunded,
         *     its unit back in the stock. Only a pending redemption can be fulfilled or cancelled.
         * @enum {string}
         */
        RedemptionStatus: "pending" | "fulfilled" | "cancelled";
        Redemption: {
            /**
             * @description `rdm_...`; the reference of its points history entries.
             * @example rdm_65y64trgdt9t8ma45ykn
             */
            id: string;
            user_id: string;
            /** @description The reward's key. */
            reward: string;
            /** @description The points system the cost was paid in, as the reward stood when redeemed. */
            points_system: string;
            /** @description The points spent, as the reward stood when redeemed. */
            cost: number;
            status: components["schemas"]["RedemptionStatus"];
            /**
             * Format: date-time
             * @description When it was redeemed.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When its status last changed.
             */
            updated_at: string;
        };
        RedemptionList: {
            /** @description Newest first. */
            items: components["schemas"]["Redemption"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /** @description The change of the balance a redemption (negative) or its cancellation (positive) made. */
        RedemptionPoints: {
            system: string;
            /**
             * @description Minus the cost for a redemption; for a cancellation the cost given back (less when the
             *     system's `max_points` cut it).
             */
            amount: number;
            /** @description The balance afterwards. */
            balance: number;
        };
        RedeemAnswer: {
            redemption: components["schemas"]["Redemption"];
            points: components["schemas"]["RedemptionPoints"];
            /** @description The level change in the points system, if spending moved it. */
            levels: components["schemas"]["LevelChange"][];
            /** @description Units of the reward left after this redemption; null when the stock is unlimited. */
            remaining: number | null;
            idempotent_replayed: boolean;
        };
        FulfillAnswer: {
            redemption: components["schemas"]["Redemption"];
            /** @description True when this is the stored answer of an earlier request with the same Idempotency-Key. */
            idempotent_replayed: boolean;
        };
        CancelAnswer: {
            redemption: components["schemas"]["Redemption"];
            points: components["schemas"]["RedemptionPoints"];
            /** @description The level change in the points system, if the refund moved it. */
            levels: components["schemas"]["LevelChange"][];
            /**
             * @description Units of the reward left after the unit came back; null when the stock is unlimited or
             *     the reward is no longer active.
             */
            remaining: number | null;
            idempotent_replayed: boolean;
        };
        /**
         * @description The body of `PUT /v1/teams/{id}`, the whole team: a member left out or `null` takes its
         *     default.
         */
        TeamRequest: {
            /** @description The display name; the team id when left out. */
            name?: string | null;
            attributes?: components["schemas"]["UserAttributes"] | null;
        };
        Team: {
            /** @example red */
            id: string;
            name: string;
            attributes: components["schemas"]["UserAttributes"];
            /** @description How many users are members of it. */
            members: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        TeamList: {
            /** @description In team id order. */
            items: components["schemas"]["Team"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        TeamMembership: {
            team_id: string;
            user_id: string;
            /**
             * Format: date-time
             * @description When the user joined the team.
             */
            joined_at: string;
        };
        TeamMembershipList: {
            /** @description In user id order (a team's members) or team id order (a user's teams). */
            items: components["schemas"]["TeamMembership"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description What a member's write contributes to each of the member's teams: the event values of an
         *     active metric, or the changes of an active points system's balance, spending included (else
         *     400 `unknown_rule`, `field` `rank_by`; another `type`: 400 naming `rank_by.type`).
         */
        TeamLeaderboardRankBy: {
            /** @constant */
            type: "metric";
            metric: components["schemas"]["RuleKey"];
        } | {
            /** @constant */
            type: "points";
            system: components["schemas"]["RuleKey"];
        };
        /**
         * @description `sum`: everything the team's members contributed in the period; `average`: that sum divided
         *     by the team's members now, to 6 decimal places (a team without members is left out of the
         *     ranking).
         * @enum {string}
         */
        TeamLeaderboardAggregate: "sum" | "average";
        /**
         * @description The body of `PUT /v1/team_leaderboards/{key}`, the whole definition: a member left out takes
         *     its default.
         */
        TeamLeaderboardDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            rank_by: components["schemas"]["TeamLeaderboardRankBy"];
            /** @default sum */
            aggregate?: components["schemas"]["TeamLeaderboardAggregate"];
            /**
             * @default all_time
             * @enum {string}
             */
            period?: "all_time" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
            /**
             * @description IANA time zone the periods are cut in (another -> 400 naming `timezone`).
             * @default UTC
             */
            timezone?: string;
            /**
             * @description The first day of a week (weekly boards).
             * @default monday
             * @enum {string}
             */
            week_start?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
        };
        /** @description A team leaderboard as stored, in canonical form (every member present). */
        TeamLeaderboardRule: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            rank_by: components["schemas"]["TeamLeaderboardRankBy"];
            aggregate: components["schemas"]["TeamLeaderboardAggregate"];
            /** @enum {string} */
            period: "all_time" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
            timezone: string;
            /** @enum {string} */
            week_start: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When the board was archived; null while active.
             */
            archived_at: string | null;
        };
        TeamLeaderboardRuleList: {
            /** @description In key order. */
            items: components["schemas"]["TeamLeaderboardRule"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        TeamLeaderboardPeriod: {
            /**
             * @description `all`, a local date (day; first day of a week) or `YYYY-MM`.
             * @example 2026-12-01
             */
            key: string;
            /**
             * Format: date-time
             * @description Null for all time.
             */
            start: string | null;
            /**
             * Format: date-time
             * @description Exclusive; null for all time.
             */
            end: string | null;
        };
        TeamLeaderboardEntry: {
            /** @description Shared among equal scores (1, 2, 2, 4). */
            rank: number;
            team_id: string;
            /** @description The team's name now. */
            name: string;
            /**
             * @description The sum, or with `aggregate` `average` the sum divided by `members` (to 6 decimal
             *     places, half even). Metric boards: a decimal of up to 6 decimal places; points boards: a
             *     whole number for `sum`. Written plain, without trailing zeros.
             */
            score: number;
            /** @description The team's members now. */
            members: number;
        };
        TeamLeaderboardRanking: {
            leaderboard: components["schemas"]["TeamLeaderboardRule"];
            period: components["schemas"]["TeamLeaderboardPeriod"];
            /** @description How many teams are ranked in the period. */
            participants: number;
            /** @description In rank order. */
            entries: components["schemas"]["TeamLeaderboardEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        TeamLeaderboardPlace: {
            team_id: string;
            name: string;
            rank: number;
            /** @description As in `TeamLeaderboardEntry`. */
            score: number;
            members: number;
            /** @description How many teams are ranked in the period. */
            participants: number;
            period: components["schemas"]["TeamLeaderboardPeriod"];
        };
        /**
         * @description One step of a quest: a metric total to reach with the events of the window (`metric` and
         *     `total`), or an achievement to hold (`achievement`: checked at each of the user's events in
         *     the window, when the user joins, and when a quest prize unlocks an achievement; one unlocked
         *     by an API completion counts at the next of these). Naming both or neither of `metric` and
         *     `achievement` is a 400 naming `steps[i].metric`.
         */
        QuestStepDefinition: {
            /** @description Unique in the quest (a second use is a 400 naming `steps[i].key`). Default `step_<n>` (1-based). */
            key?: string | null;
            /** @description The key of an active metric. */
            metric: components["schemas"]["RuleKey"];
            /**
             * @description The sum of the metric's event values inside the window that completes the step; above
             *     zero, at most 6 decimal places.
             */
            total: number;
        } | {
            /** @description Unique in the quest (a second use is a 400 naming `steps[i].key`). Default `step_<n>` (1-based). */
            key?: string | null;
            /** @description The key of an active achievement the user must hold. */
            achievement: components["schemas"]["RuleKey"];
        };
        /**
         * @description When the quest runs. `fixed`: once, from `starts_at` to `ends_at` (exclusive; after
         *     `starts_at`, else 400 naming `window.ends_at`), the same instants for every user; joining
         *     after `ends_at` is 409 `quest_ended`. `recurring`: anew every local day or week (from
         *     `week_start`, at midnight) in each user's timezone (the application's default for a user
         *     without one), or for a team quest in the window's `timezone`; progress starts from zero in
         *     each window. Another `type` is a 400 naming `window.type`.
         */
        QuestWindow: {
            /** @constant */
            type: "fixed";
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
        } | {
            /** @constant */
            type: "recurring";
            /** @enum {string} */
            period: "daily" | "weekly";
            /**
             * @description The first day of a week (weekly quests; kept but unused for daily ones). Any case is
             *     accepted; another value is a 400 naming `window.week_start`.
             * @default monday
             * @enum {string|null}
             */
            week_start?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | null;
            /**
             * @description Only for a team quest (else 400 naming `window.timezone`, as for a zone that is not an
             *     IANA timezone such as `Europe/Oslo`): the timezone its windows are cut in; default `UTC`.
             *     A user quest's windows follow each user's timezone.
             */
            timezone?: string | null;
        };
        /**
         * @description The prize of completing the quest (once per window): `points` of the points system
         *     `system` (both or neither: `system` without `points` is a 400 naming `reward.points`), an
         *     achievement to unlock, or both. Null, absent or `{}`: no prize.
         */
        QuestRewardDefinition: {
            /** @description The key of an active points system. */
            system?: string | null;
            points?: number | null;
            /** @description The key of an active achievement, unlocked with what it unlocks in turn. */
            achievement?: string | null;
        };
        /**
         * @description The body of `PUT /v1/quests/{key}`, the whole definition: a member left out takes its
         *     default. A quest read back (`QuestRule`, less `key` and the dates) is a valid definition.
         */
        QuestDefinition: {
            name?: components["schemas"]["RuleName"];
            description?: components["schemas"]["RuleDescription"];
            /**
             * Format: uri
             * @description An https address of its picture (with a host, no user information), carried by answers; null or absent for none.
             */
            image_url?: string | null;
            steps: components["schemas"]["QuestStepDefinition"][];
            /**
             * @description `any`: an event counts toward every step on its metric; `ordered`: only toward the first
             *     step not complete (a step's surplus does not carry over to the next).
             * @default any
             * @enum {string}
             */
            order?: "any" | "ordered";
            /**
             * @description `automatic`: every user takes part; `opt_in`: only users who joined
             *     (`POST /v1/users/{id}/quests/{key}/join`), from when they joined.
             * @default automatic
             * @enum {string}
             */
            enrollment?: "automatic" | "opt_in";
            window: components["schemas"]["QuestWindow"];
            reward?: components["schemas"]["QuestRewardDefinition"] | null;
            /**
             * @description `true`: a team quest, in which each team's members reach the steps' totals together
             *     with their events. Its steps are metric steps (else 400 naming `steps[i].achievement`),
             *     in `order` `any` and `enrollment` `automatic` (else 400 naming the member); every team
             *     takes part, users do not join it (409 `not_joinable`), and it is not in users'
             *     standings (`GET /v1/teams/{id}/quests` shows a team's). An event counts for every team
             *     its user is a member of when it is written; a recurring window is cut in the window's
             *     `timezone` (default `UTC`). When a team completes a window (once per team and window),
             *     each member of the team at that moment is paid the prize, right after the commit of
             *     the event that completed it, in a write of their own: a points history entry of source
             *     `quest`, a `quest.completed` webhook whose `quest.team_id` names the team, and a
             *     `completed` entry in their quest history.
             * @default false
             */
            team?: boolean | null;
        };
        /** @description A step as stored, with its `key` always present. */
        QuestRuleStep: {
            key: string;
            metric: string;
            total: components["schemas"]["Amount"];
        } | {
            key: string;
            achievement: string;
        };
        /**
         * @description The window as stored; a recurring one always has its `week_start`, and its `timezone` when
         *     (and only when) the quest is a team quest.
         */
        QuestRuleWindow: {
            /** @constant */
            type: "fixed";
            /** Format: date-time */
            starts_at: string;
            /** Format: date-time */
            ends_at: string;
        } | {
            /** @constant */
            type: "recurring";
            /** @enum {string} */
            period: "daily" | "weekly";
            /** @enum {string} */
            week_start: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
            /**
             * @description Present in a team quest's view only: the IANA timezone its windows are cut in, `UTC`
             *     when the definition gave none. A user quest's view has no `timezone` (its windows
             *     follow each user's).
             */
            timezone?: string;
        };
        /** @description A quest as stored, in canonical form (every member present, defaults filled in). */
        QuestRule: {
            key: components["schemas"]["RuleKey"];
            name: components["schemas"]["LocalizedName"];
            description: components["schemas"]["LocalizedDescription"];
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            steps: components["schemas"]["QuestRuleStep"][];
            /** @enum {string} */
            order: "any" | "ordered";
            /** @enum {string} */
            enrollment: "automatic" | "opt_in";
            window: components["schemas"]["QuestRuleWindow"];
            /** @description Whether it is a team quest (see `QuestDefinition`); always present, `false` by default. */
            team: boolean;
            /** @description Null for a quest without a prize; otherwise every member present (null where not set). */
            reward: null | {
                system: string | null;
                points: number | null;
                achievement: string | null;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: date-time
             * @description When the quest was archived; null while active.
             */
            archived_at: string | null;
        };
        QuestRuleList: {
            /** @description In key order. */
            items: components["schemas"]["QuestRule"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        /**
         * @description A quest's prize in answers and webhooks (note `points_system`, where the definition says
         *     `system`); members that do not apply are null.
         */
        QuestPrize: {
            points_system: string | null;
            points: number | null;
            achievement: string | null;
        };
        /**
         * @description One change of a user's quest, in the window `window_start` to `window_end`:
         *
         *     | `change` | set members |
         *     | --- | --- |
         *     | `step_completed` (a step completed) | `step`, `completed_at` (when), `steps_done` (after it) |
         *     | `completed` (every step complete; the prize is paid) | `completed_at`, `reward` (null for a quest without a prize), `team_id` (a team quest) |
         *     | `expired` (the window ended unfinished; reported at the user's next event or join after it) | `steps_done` (how many were done) |
         *
         *     Members that do not apply are null.
         */
        QuestChange: {
            /** @description The quest's key. */
            key: string;
            /** @description The quest's name. */
            name: string;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            /** @enum {string} */
            change: "step_completed" | "completed" | "expired";
            /** @description The step's key; only for `step_completed`. */
            step: string | null;
            steps_done: number;
            steps_total: number;
            /** Format: date-time */
            window_start: string;
            /**
             * Format: date-time
             * @description Exclusive.
             */
            window_end: string;
            /**
             * Format: date-time
             * @description When the step or the quest completed; null for `expired`.
             */
            completed_at: string | null;
            /** @description Only for `completed`. */
            reward: components["schemas"]["QuestPrize"] | null;
            /**
             * @description Only for the `completed` of a team quest (`team: true`), reported to each member of the
             *     team that completed it: that team. Null otherwise.
             */
            team_id: string | null;
        };
        /** @description A step as the user stands in it: a metric step (`metric`, `progress`, `total`) or an achievement step (`achievement`). */
        UserQuestStep: {
            key: string;
            /** @description The metric of a metric step; null for an achievement step. */
            metric: string | null;
            /** @description The achievement of an achievement step; null for a metric step. */
            achievement: string | null;
            /**
             * @description The sum of the metric's event values counted in the window (0 before the first; it may
             *     pass `total`); null for an achievement step.
             */
            progress: number | null;
            /** @description The metric step's total; null for an achievement step. */
            total: number | null;
            completed: boolean;
            /** Format: date-time */
            completed_at: string | null;
        };
        /** @description A user's standing in one active quest, as of now. */
        UserQuest: {
            key: string;
            name: string;
            description: string | null;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            /** @enum {string} */
            enrollment: "automatic" | "opt_in";
            /** @enum {string} */
            order: "any" | "ordered";
            /**
             * @description `not_joined`: an opt-in quest the user has not joined; `upcoming`: a fixed window that has
             *     not started; `active`: the window runs, unfinished; `completed`: every step is complete in
             *     the window; `expired`: the window ended unfinished; `ended`: a fixed window that ended
             *     without the user taking part.
             * @enum {string}
             */
            status: "not_joined" | "upcoming" | "active" | "completed" | "expired" | "ended";
            /** @description The user joined the opt-in quest; always false for an automatic quest. */
            joined: boolean;
            /** Format: date-time */
            joined_at: string | null;
            /**
             * Format: date-time
             * @description The window shown; for a recurring quest, the one containing now in the user's timezone.
             */
            window_start: string;
            /**
             * Format: date-time
             * @description Exclusive.
             */
            window_end: string;
            steps_done: number;
            steps_total: number;
            /** @description In the quest's order. */
            steps: components["schemas"]["UserQuestStep"][];
            /**
             * Format: date-time
             * @description When the last step completed; null unless `status` is `completed`.
             */
            completed_at: string | null;
            /** @description The quest's prize; null for a quest without one. */
            reward: components["schemas"]["QuestPrize"] | null;
        };
        /**
         * @description A window of a user's quest that ended; also a team quest's window that the user's team
         *     completed while the user was a member (`completed`).
         */
        QuestHistoryEntry: {
            /** @description The quest's key. */
            quest: string;
            /** Format: date-time */
            window_start: string;
            /** Format: date-time */
            window_end: string;
            /** @enum {string} */
            status: "completed" | "expired";
            steps_done: number;
            steps_total: number;
            /**
             * Format: date-time
             * @description When the quest completed; null for `expired`.
             */
            completed_at: string | null;
            /**
             * Format: date-time
             * @description When the write that recorded it happened.
             */
            recorded_at: string;
        };
        QuestHistory: {
            /** @description Newest (latest `window_start`) first. */
            items: components["schemas"]["QuestHistoryEntry"][];
            /** @description Pass as `cursor` for the next page; null on the last page. */
            next_cursor: string | null;
        };
        UserQuestList: {
            user_id: string;
            /** @description Every active quest but team quests, in key order. */
            quests: components["schemas"]["UserQuest"][];
            /** @description The latest 20 windows that ended, newest first (as `GET /v1/users/{id}/quests/history`). */
            history: components["schemas"]["QuestHistoryEntry"][];
        };
        QuestJoinAnswer: {
            user_id: string;
            quest: components["schemas"]["UserQuest"];
            /** @description What joining did to the quest (steps completed by achievements held, the quest completed), in order. */
            changes: components["schemas"]["QuestChange"][];
            /**
             * @description The points a prize paid (the quest completed at the join), per points system, as in the
             *     event answer's `points`; empty otherwise.
             */
            points: components["schemas"]["PointsChange"][];
            /**
             * @description The achievements a prize unlocked (with what they unlocked in turn), as in the event
             *     answer's `achievements`; empty otherwise.
             */
            achievements: components["schemas"]["Unlock"][];
            /** @description The level changes a prize's points made. */
            levels: components["schemas"]["LevelChange"][];
            /** @description True when this is the stored answer of an earlier request with the same Idempotency-Key. */
            idempotent_replayed: boolean;
        };
        /** @description A step of a team quest as the team stands in it. */
        TeamQuestStep: {
            key: string;
            metric: string;
            /**
             * @description The sum of the metric's event values of the team's members counted in the window (0
             *     before the first; it may pass `total`, counting goes on after completion).
             */
            progress: number;
            /** @description The step's total. */
            total: number;
            /** @description `progress` reached `total`. */
            completed: boolean;
        };
        /** @description A team's standing in one active team quest, as of now. */
        TeamQuest: {
            key: string;
            name: string;
            description: string | null;
            /**
             * Format: uri
             * @description The https address of its picture; null when it has none.
             */
            image_url: string | null;
            /**
             * @description `upcoming`: a fixed window that has not started; `active`: the window runs, unfinished;
             *     `completed`: the team completed the window; `ended`: a fixed window that ended
             *     unfinished.
             * @enum {string}
             */
            status: "upcoming" | "active" | "completed" | "ended";
            /**
             * Format: date-time
             * @description The window shown; for a recurring quest, the one containing now in the window's `timezone`.
             */
            window_start: string;
            /**
             * Format: date-time
             * @description Exclusive.
             */
            window_end: string;
            steps_done: number;
            steps_total: number;
            /** @description In the quest's order. */
            steps: components["schemas"]["TeamQuestStep"][];
            /**
             * Format: date-time
             * @description When the team completed the window; null unless `status` is `completed`.
             */
            completed_at: string | null;
            /** @description The quest's prize, paid to each member when the team completes; null for a quest without one. */
            reward: components["schemas"]["QuestPrize"] | null;
        };
        TeamQuestList: {
            team_id: string;
            /** @description Every active team quest, in key order. */
            quests: components["schemas"]["TeamQuest"][];
        };
        WebhookEndpointRequest: {
            /**
             * Format: uri
             * @example https://example.com/ludus/webhooks
             */
            url: string;
            event_types: ("achievement.unlocked" | "points.changed" | "points.expiring" | "level.changed" | "streak.extended" | "streak.lost" | "streak.freeze_consumed" | "leaderboard.rank_changed" | "leaderboard.period_finished" | "reward.redeemed" | "quest.step_completed" | "quest.completed" | "quest.expired" | "user.flagged")[];
            description?: string;
        };
        WebhookEndpointPatch: {
            /** Format: uri */
            url?: string;
            event_types?: ("achievement.unlocked" | "points.changed" | "points.expiring" | "level.changed" | "streak.extended" | "streak.lost" | "streak.freeze_consumed" | "leaderboard.rank_changed" | "leaderboard.period_finished" | "reward.redeemed" | "quest.step_completed" | "quest.completed" | "quest.expired" | "user.flagged")[];
            description?: string | null;
            enabled?: boolean;
        };
        WebhookEndpoint: {
            /** @example whe_2kf3njdpwvq946s6s5h6 */
            id: string;
            url: string;
            description: string | null;
            event_types: string[];
            enabled: boolean;
            /** @description Why it is disabled: by the API, a 410, or 5 days of failures. */
            disabled_reason: string | null;
            /** Format: date-time */
            disabled_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        WebhookEndpointCreated: components["schemas"]["WebhookEndpoint"] & {
            /**
             * @description whsec_ + base64 of 32 bytes; shown once.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
        };
        WebhookEndpointList: {
            items: components["schemas"]["WebhookEndpoint"][];
            next_cursor: string | null;
        };
        WebhookRotationRequest: {
            /** @default 86400 */
            grace_seconds?: number;
        };
        WebhookSecretRotation: {
            secret: string;
            /** Format: date-time */
            previous_secret_expires_at: string | null;
        };
        WebhookAttempt: {
            /** @description The attempt's position in the log. */
            seq: number;
            /** @description The webhook-id. */
            message_id: string;
            type: string;
            attempt: number;
            /** @enum {string} */
            status: "succeeded" | "pending" | "failed";
            /** @description Null when no answer came (timeout, refused connection, refused URL). */
            http_status: number | null;
            latency_ms: number;
            /** @description At most 1 KiB of the answer, or what went wrong. */
            response: string | null;
            /** Format: date-time */
            attempted_at: string;
            /** Format: date-time */
            next_attempt_at: string | null;
        };
        WebhookAttemptList: {
            items: components["schemas"]["WebhookAttempt"][];
            next_cursor: string | null;
        };
        WebhookReplayRequest: {
            message_id?: string;
            /** Format: date-time */
            since?: string;
            /** Format: date-time */
            until?: string;
        };
        WebhookReplayAnswer: {
            replayed: number;
        };
        WebhookPingAnswer: {
            /** @enum {string} */
            status: "succeeded" | "failed";
            http_status: number | null;
            latency_ms: number;
            response: string | null;
        };
        /** @description `achievement.unlocked`. */
        AchievementUnlockedMessage: {
            /** @constant */
            type: "achievement.unlocked";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["AchievementUnlockedData"];
        };
        /** @description `points.changed`. */
        PointsChangedMessage: {
            /** @constant */
            type: "points.changed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["PointsChangedData"];
        };
        /** @description `points.expiring`. */
        PointsExpiringMessage: {
            /** @constant */
            type: "points.expiring";
            /**
             * Format: date-time
             * @description When the notice was given (its transaction).
             */
            timestamp: string;
            data: {
                user_id: string;
                expiring: {
                    system: string;
                    /** @description What the lot holds now; spending before `expires_at` may still take some. */
                    points: number;
                    /** Format: date-time */
                    expires_at: string;
                    /** @description The balance now. */
                    balance: number;
                };
            };
        };
        /** @description `level.changed`. */
        LevelChangedMessage: {
            /** @constant */
            type: "level.changed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["LevelChangedData"];
        };
        /** @description `streak.extended`: `longest` is set, `freezes_left` null. */
        StreakExtendedMessage: {
            /** @constant */
            type: "streak.extended";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["WebhookStreakData"];
        };
        /** @description `streak.lost`: `length` is the run that ended, the period the missed one; `longest` and `freezes_left` null. */
        StreakLostMessage: {
            /** @constant */
            type: "streak.lost";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["WebhookStreakData"];
        };
        /** @description `streak.freeze_consumed`: `freezes_left` is set, `longest` null. */
        StreakFreezeConsumedMessage: {
            /** @constant */
            type: "streak.freeze_consumed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["WebhookStreakData"];
        };
        /** @description `leaderboard.rank_changed`. */
        LeaderboardRankChangedMessage: {
            /** @constant */
            type: "leaderboard.rank_changed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["LeaderboardRankChangedData"];
        };
        /** @description `leaderboard.period_finished`: about no one user. */
        LeaderboardPeriodFinishedMessage: {
            /** @constant */
            type: "leaderboard.period_finished";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["LeaderboardPeriodFinishedData"];
        };
        /** @description `reward.redeemed`. */
        RewardRedeemedMessage: {
            /** @constant */
            type: "reward.redeemed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["RewardRedeemedData"];
        };
        /** @description `quest.step_completed`: `quest.step` is set, `quest.reward` null. */
        QuestStepCompletedMessage: {
            /** @constant */
            type: "quest.step_completed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["QuestChangedData"];
        };
        /** @description `quest.completed`: `quest.reward` is the prize paid (null for a quest without one), `quest.step` null. */
        QuestCompletedMessage: {
            /** @constant */
            type: "quest.completed";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["QuestChangedData"];
        };
        /** @description `quest.expired`: `quest.step`, `quest.completed_at` and `quest.reward` null. */
        QuestExpiredMessage: {
            /** @constant */
            type: "quest.expired";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["QuestChangedData"];
        };
        /** @description `user.flagged`. */
        UserFlaggedMessage: {
            /** @constant */
            type: "user.flagged";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["UserFlaggedData"];
        };
        /** @description `webhook.ping`. */
        WebhookPingMessage: {
            /** @constant */
            type: "webhook.ping";
            /**
             * Format: date-time
             * @description When the change happened (its transaction).
             */
            timestamp: string;
            data: components["schemas"]["WebhookPingData"];
        };
        AchievementUnlockedData: {
            user_id: string;
            achievement: {
                key: string;
                name: string;
                image_url: string | null;
                /** Format: date-time */
                unlocked_at: string;
                /** @description Unlocked by the backfill of a rule added after the user qualified. */
                backfilled: boolean;
                reward: null | {
                    system: string;
                    points: number;
                };
            };
        };
        PointsChangedData: {
            user_id: string;
            points: {
                system: string;
                /** @description The change */
                amount: number;
                /** @description The balance after it. */
                balance: number;
                /** @description The system's cap cut the change. */
                capped: boolean;
                /** @enum {string} */
                source: "event" | "achievement" | "adjustment" | "streak" | "reward" | "refund" | "quest" | "expiry" | "season";
                /** @description The event id, achievement key, streak key, redemption id (`reward`, `refund`), quest key (`quest`) or season key (`season`); null for an adjustment or an expiry. */
                reference: string | null;
            };
        };
        WebhookLevel: null | {
            number: number;
            name: string;
            image_url: string | null;
        };
        LevelChangedData: {
            user_id: string;
            level: {
                system: string;
                previous: components["schemas"]["WebhookLevel"];
                current: components["schemas"]["WebhookLevel"];
            };
        };
        WebhookStreakData: {
            user_id: string;
            streak: {
                key: string;
                length: number;
                /** @description Only for `streak.extended`. */
                longest: number | null;
                /** @description Only for `streak.freeze_consumed`. */
                freezes_left: number | null;
                /** Format: date-time */
                period_start: string;
                /** Format: date-time */
                period_end: string;
            };
        };
        LeaderboardRankChangedData: {
            user_id: string;
            leaderboard: {
                key: string;
                /** @description `all`, the local date a day or week starts on (`2026-11-23`), or the month (`2026-11`). */
                period: string;
                /** @description Null when the user was not ranked. */
                previous_rank: number | null;
                rank: number;
                /** @description A decimal string */
                score: string;
            };
        };
        LeaderboardPeriodFinishedData: {
            leaderboard: {
                key: string;
                period: string;
                /**
                 * Format: date-time
                 * @description Null for an all-time board.
                 */
                period_start: string | null;
                /**
                 * Format: date-time
                 * @description Null for an all-time board.
                 */
                period_end: string | null;
                timezone: string;
                /** @description The final first 10. */
                top: {
                    rank: number;
                    user_id: string;
                    score: string;
                }[];
            };
        };
        RewardRedeemedData: {
            user_id: string;
            redemption: components["schemas"]["Redemption"];
        };
        /** @description The `data` of the `quest.*` messages; `quest` is the change as in the event answer's `quests`. */
        QuestChangedData: {
            user_id: string;
            quest: components["schemas"]["QuestChange"];
        };
        /** @description The `data` of `user.flagged`. */
        UserFlaggedData: {
            user_id: string;
            flag: components["schemas"]["UserFlag"];
        };
        WebhookPingData: {
            endpoint_id: string;
            message: string;
        };
        WebhookNotice: {
            seq: number;
            /** @example whn_2kf3njdpwvq946s6s5h6 */
            id: string;
            /** @enum {string} */
            type: "webhook.endpoint_disabled";
            endpoint_id: string;
            url: string;
            reason: string;
            /** Format: date-time */
            created_at: string;
        };
        WebhookNoticeList: {
            items: components["schemas"]["WebhookNotice"][];
            next_cursor: string | null;
        };
        /** @description Usage figures over a range, one bucket per UTC hour, day or week (from Monday). */
        StatsSeries: {
            /** @enum {string} */
            interval: "hour" | "day" | "week";
            /**
             * Format: date-time
             * @description The start of the first bucket.
             */
            from: string;
            /**
             * Format: date-time
             * @description The end of the last bucket.
             */
            to: string;
            buckets: components["schemas"]["StatsBucket"][];
        };
        /**
         * @description One hour's, day's or week's figures. The maps by key hold only keys with a count;
         *     `webhook_deliveries` and `requests` always name every outcome and method.
         */
        StatsBucket: {
            /** Format: date-time */
            start: string;
            /** @description Events recorded (by the time Ludus recorded them). */
            events: number;
            /**
             * @description Distinct users with at least one event recorded in the bucket (for a day, in the UTC day;
             *     for a week, in the week: not the sum of its hours or days).
             */
            active_users: number;
            /** @description Points granted per points system, by rules and by positive adjustments; spending is not counted. */
            points_awarded: {
                [key: string]: number;
            };
            /** @description Unlocks per achievement (events, completions, backfills). */
            achievements_unlocked: {
                [key: string]: number;
            };
            /** @description Periods extended per streak. */
            streaks_extended: {
                [key: string]: number;
            };
            /** @description Streaks lost per streak, counted when the write that finds them broken happens. */
            streaks_lost: {
                [key: string]: number;
            };
            /**
             * @description Delivery attempts by outcome: `delivered` (2xx), `retrying` (failed, due again),
             *     `given_up` (failed with no retry left, 410, or a failed ping).
             */
            webhook_deliveries: {
                delivered: number;
                retrying: number;
                given_up: number;
            };
            /**
             * @description Authenticated `/v1` requests by method: `jwt` (application token), `auth_token` (server
             *     token), `ecdsa` (legacy signature).
             */
            requests: {
                jwt: number;
                auth_token: number;
                ecdsa: number;
            };
            /**
             * @description The bucket's events, active users, points, achievements and streaks split by group:
             *     `game` (the users who play) and `control` (the application's control group, see
             *     `control_group_percent`); the two add up to the bucket's own figures. A write counts in the
             *     group the user was in when it happened; an active user in the group they were in at their
             *     first event of the bucket.
             */
            groups: {
                game: components["schemas"]["StatsGroup"];
                control: components["schemas"]["StatsGroup"];
            };
        };
        /** @description Everything held about one user; each list holds the rows of one table, as stored. */
        UserExport: {
            application_id: string;
            user_id: string;
            /** Format: date-time */
            exported_at: string;
            profile: components["schemas"]["User"];
            metrics: components["schemas"]["ExportRows"];
            points: components["schemas"]["ExportRows"];
            achievements: components["schemas"]["ExportRows"];
            streaks: components["schemas"]["ExportRows"];
            quests: components["schemas"]["ExportRows"];
            attributes: components["schemas"]["ExportRows"];
            events: components["schemas"]["ExportRows"];
            points_history: components["schemas"]["ExportRows"];
            points_seasons?: components["schemas"]["ExportRows"];
            streak_periods: components["schemas"]["ExportRows"];
            quest_history: components["schemas"]["ExportRows"];
            redemptions: components["schemas"]["ExportRows"];
            teams: components["schemas"]["ExportRows"];
            leaderboard_scores: components["schemas"]["ExportRows"];
            webhook_messages: components["schemas"]["ExportRows"];
        };
        /** @description Rows as stored (column names as members), instants as RFC 3339, amounts as decimals. */
        ExportRows: {
            [key: string]: unknown;
        }[];
        StatsGroup: {
            events: number;
            active_users: number;
            points_awarded: {
                [key: string]: number;
            };
            achievements_unlocked: {
                [key: string]: number;
            };
            streaks_extended: {
                [key: string]: number;
            };
            streaks_lost: {
                [key: string]: number;
            };
        };
        AuditEntryList: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor: string | null;
        };
        /** @description One change made by hand. Never holds a secret or a token. */
        AuditEntry: {
            /** @description The place in the log: later entries have greater ids. */
            id: string;
            /** Format: date-time */
            occurred_at: string;
            /** @description The tenant it concerns; null for a server-wide change. */
            tenant_id: string | null;
            /** @description The application it concerns; null for a tenant's or the server's change. */
            application_id: string | null;
            /** @description Who made it. */
            actor: {
                /**
                 * @description An API principal, the operator key, or a console account.
                 * @enum {string}
                 */
                kind: "api" | "operator" | "account";
                /** @description The API principal's application. */
                application_id: string | null;
                /** @description The API principal's subject (its token's sub); the console account's email. */
                subject: string | null;
                /** @enum {string|null} */
                auth_method: "jwt" | "auth_token" | "ecdsa" | "operator_key" | "console" | null;
                /** @description The console account's id. */
                account_id: string | null;
            };
            /** @description The remote address of the request (the peer; a proxy's when one is in front). */
            address: string | null;
            /**
             * @description What was done: `tenant.created`, `application.created`, `application.updated`,
             *     `application.secret_rotated`, `application.secret_refreshed`,
             *     `application.client_secret_rotated`, `application.client_secret_refreshed`,
             *     `application.tokens_revoked`, `ecdsa_key.added`, `ecdsa_key.removed`,
             *     `signing_key.rotated`, `token.revoked`, `subject.revoked`, `rule.put`, `rule.archived`,
             *     `webhook.created`, `webhook.updated`, `webhook.deleted`, `webhook.secret_rotated`,
             *     `webhook.replayed`, `account.invited`, `account.reinvited`, `account.roles_changed`,
             *     `account.password_changed`, `account.removed`.
             */
            action: string;
            target: {
                /** @description `tenant`, `application`, `ecdsa_key`, `signing_key`, `token`, `subject`, `webhook_endpoint`, `account`, or a rule kind (`metric`, `achievement`...). */
                kind: string;
                id: string;
            };
            /** @description What changed, in words. */
            summary: string;
        };
    };
    responses: {
        /** @description The receiver took the message; Ludus does not read the body. */
        WebhookReceived: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description Any other answer, or none within the delivery timeout, is a failed attempt, retried on the
         *     schedule of `docs/webhooks.md`; 410 Gone disables the endpoint.
         */
        WebhookRefused: {
            headers: {
                [name: string]: unknown;
            };
            content?: never;
        };
        /**
         * @description `invalid_request` (a member is unknown, missing, of the wrong type, or an unknown event
         *     type: `field` names it), or `webhook_url_refused`: the URL is not http(s), carries
         *     credentials, or resolves to a loopback, private, link-local, metadata, shared or multicast
         *     address (`field` is `url`, `reason` says which).
         */
        WebhookBadRequest: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/webhook-url-refused",
                 *       "title": "Webhook URL refused",
                 *       "status": 400,
                 *       "detail": "the webhook URL is refused: the host 'localhost' resolves to 127.0.0.1, a loopback address",
                 *       "error": "webhook_url_refused",
                 *       "field": "url",
                 *       "reason": "the host 'localhost' resolves to 127.0.0.1, a loopback address"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `invalid_request`: the body is not a JSON object, a member is unknown, missing, of the
         *     wrong type or out of range, or a query parameter (`limit`, `cursor`, ...) is malformed or
         *     out of range (`field` names the member or parameter when one is at fault). Any route
         *     answers it for text no store can keep: a NUL character or an unpaired UTF-16 surrogate in
         *     a body's strings or member names, the path (`field: path`), a query parameter, or the
         *     `sub`/`jti` of a verified token (`claim` names it); and for a number whose exponent is
         *     beyond 1,000 either way (`1e-30000000`, `1E-2147483648`).
         */
        BadRequest: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/invalid-request",
                 *       "title": "Invalid request",
                 *       "status": 400,
                 *       "detail": "'max_token_lifetime_seconds' must be between 60 and 2592000",
                 *       "error": "invalid_request",
                 *       "field": "max_token_lifetime_seconds"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The bearer token is missing or refused: `invalid_token`, `missing_required_claim` (with
         *     `claim`), `invalid_signature`, `token_expired` or `token_revoked`. HTTP Basic sent to any
         *     endpoint but `POST /v1/auth_token` answers `invalid_token` too, with a detail that says so.
         *     An ECDSA-signed request (scheme `ecdsaSignature`) is refused with `invalid_token`,
         *     `invalid_signature`, `method_disabled` (ECDSA turned off for the application),
         *     `request_expired` (timestamp more than 300 s off) or `replayed_request` (nonce already
         *     used).
         */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `insufficient_permissions`: the token (or the ECDSA key that signed the request) is valid
         *     but lacks the scope the endpoint needs.
         */
        Forbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                Deprecation: components["headers"]["Deprecation"];
                Sunset: components["headers"]["Sunset"];
                Link: components["headers"]["DeprecationLink"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/insufficient-permissions",
                 *       "title": "Insufficient permissions",
                 *       "status": 403,
                 *       "detail": "this endpoint needs the 'admin' scope",
                 *       "error": "insufficient_permissions",
                 *       "required_scope": "admin"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `invalid_client`: no `Authorization: Basic` header, a malformed one (not base64 of UTF-8
         *     `client_id:client_secret`, or another scheme), an unknown client id or a wrong client
         *     secret. Unknown ids and wrong secrets answer alike.
         */
        InvalidClient: {
            headers: {
                "WWW-Authenticate": components["headers"]["BasicChallenge"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/invalid-client",
                 *       "title": "Invalid client",
                 *       "status": 401,
                 *       "detail": "unknown client id or wrong client secret",
                 *       "error": "invalid_client"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `rate_limited`: the client (authenticated) made more requests than its token bucket
         *     allows; `Retry-After` says how many seconds to wait.
         */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/rate-limited",
                 *       "title": "Too many requests",
                 *       "status": 429,
                 *       "detail": "too many requests for this client; retry after 1 s",
                 *       "error": "rate_limited"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description RFC 6749 section 5.2: `invalid_request` (the body is not
         *     `application/x-www-form-urlencoded`, is over 16 KiB or malformed, a parameter is given
         *     twice, `grant_type` or `token` is missing, or the client authenticated both by Basic and by
         *     form members), `unsupported_grant_type` (anything but `client_credentials`) or
         *     `invalid_scope` (a scope outside the application's `client_scopes`).
         */
        OAuthBadRequest: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /**
         * @description `invalid_client` (RFC 6749 section 5.2): no client authentication, a malformed Basic
         *     header, an unknown client id or a wrong client secret.
         */
        OAuthInvalidClient: {
            headers: {
                "WWW-Authenticate": components["headers"]["BasicChallenge"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/invalid-client",
                 *       "title": "OAuth error",
                 *       "status": 401,
                 *       "detail": "unknown client id or wrong client secret",
                 *       "error": "invalid_client",
                 *       "error_description": "unknown client id or wrong client secret"
                 *     }
                 */
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description `rate_limited`: as for `/v1/auth_token`, in the OAuth error shape. */
        OAuthRateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["OAuthError"];
            };
        };
        /** @description `invalid_token`: no operator key, or the wrong one. */
        OperatorUnauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/invalid-token",
                 *       "title": "Invalid token",
                 *       "status": 401,
                 *       "detail": "the operator key is wrong; see LUDUS_ADMIN_KEY or the admin.key file",
                 *       "error": "invalid_token"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `conflict`: the application already has this ECDSA key (the address, in any case). */
        Conflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/conflict",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "the key 0x7e5f4552091a69125d5dfcb7b8c2659029395bdf is already registered",
                 *       "error": "conflict"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_found`: no such tenant or application (or ECDSA key, for a removal). */
        NotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no application 'app_0000'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `payload_too_large`: the body is larger than 2 MiB. When the declared `Content-Length` is
         *     already over the limit, the web server refuses the request before routing and the answer has
         *     no body.
         */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `internal_error`: the server failed; the request id finds the cause in the logs. */
        InternalError: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `invalid_request` (a member is unknown, missing, of the wrong type or out of range; `field`
         *     names it, e.g. `triggers[1].per`, `levels[2].threshold`, `trigger.prerequisites`,
         *     `conditions[0].threshold`, `freezes.initial`, `steps[0].total`, `window.ends_at`), or
         *     `unknown_rule`: the definition names rules
         *     that are not defined or are archived; `missing` lists them as `kind:key` (`metric:steps`,
         *     `points_system:xp`, `achievement:marathon`, `streak:daily_walk`).
         */
        RuleBadRequest: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not_found`: no such rule. For `GET`, a rule that was never defined (archived rules are
         *     found), or a hidden achievement the caller may not see; for adjustments and completions, a
         *     points system or achievement that is not defined or is archived; for a user's standing in a
         *     streak and freeze grants, a streak that is not defined or is archived (`no active streak
         *     'x'`), and for a streak's history one that was never defined; for a redemption, a reward
         *     that is not defined or is archived; for joining a quest, a quest that is not defined or is
         *     archived (`no active quest 'x'`). On the `/v1/users/{id}/...` endpoints, also a user Ludus does not know (`no user
         *     'x'`).
         */
        RuleNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no points system 'nope'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `rule_in_use`: active rules refer to the rule; `used_by` lists them as `kind:key`. Change or
         *     archive them first.
         */
        RuleInUse: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/rule-in-use",
                 *       "title": "Rule in use",
                 *       "status": 409,
                 *       "detail": "metric:steps is used by active rules; change or archive them first: achievement:first_steps, points_system:xp",
                 *       "error": "rule_in_use",
                 *       "used_by": [
                 *         "achievement:first_steps",
                 *         "points_system:xp"
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `streak_immutable`: the `PUT` would change the `period` of a streak, or the `week_start` of
         *     a weekly streak (restoring an archived streak included); `field` names the member. Users'
         *     periods were counted with them: define a streak with another key instead. Nothing changed.
         */
        StreakImmutable: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/streak-immutable",
                 *       "title": "Streak cannot change this way",
                 *       "status": 409,
                 *       "detail": "the 'period' of a streak cannot change once defined (users' periods were counted with it); define a streak with another key instead",
                 *       "error": "streak_immutable",
                 *       "field": "period"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `invalid_request` with `field`: a member is unknown, missing, of the wrong type or out of
         *     range (`value` with more than 6 decimal places or beyond 10^12, negative for a metric
         *     without `allow_negative`, or taking the total out of its range; `occurred_at` outside the
         *     window; `idempotency_key` different from the header); or `unknown_metric` (`field`
         *     `metric`): the metric is not defined or is archived.
         */
        EventBadRequest: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `insufficient_permissions`: the token lacks the endpoint's scope, or it acts for another
         *     user than its subject without `users:read` (reads) or `users:write` (writes); then `field`
         *     names the member or parameter that named the user (`user_id`, `id`).
         */
        UserForbidden: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                Deprecation: components["headers"]["Deprecation"];
                Sunset: components["headers"]["Sunset"];
                Link: components["headers"]["DeprecationLink"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/insufficient-permissions",
                 *       "title": "Insufficient permissions",
                 *       "status": 403,
                 *       "detail": "acting for another user than the token's subject needs the 'users:write' scope",
                 *       "error": "insufficient_permissions",
                 *       "field": "user_id",
                 *       "required_scope": "users:write"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_found`: the application has no such user. */
        UserNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no user 'user_x'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `idempotency_conflict` (`field` `idempotency_key`): the key was already used for a different
         *     request of this application. Use a new key for a new request.
         */
        IdempotencyConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/idempotency-conflict",
                 *       "title": "Idempotency key reused",
                 *       "status": 409,
                 *       "detail": "this Idempotency-Key was used for a different request; use a new key for a new request",
                 *       "error": "idempotency_conflict",
                 *       "field": "idempotency_key"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `insufficient_points`: spending would take the balance below zero in a system that does not
         *     allow negative balances; nothing changed. Or `idempotency_conflict`, as for events.
         */
        AdjustConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/insufficient-points",
                 *       "title": "Not allowed by the rules",
                 *       "status": 409,
                 *       "detail": "the balance of 'coins' is 0; spending 10 would take it below zero",
                 *       "error": "insufficient_points"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not_completable`: the achievement unlocks by its own trigger (metric, streak or
         *     composite), not through the API; nothing changed. Or `idempotency_conflict`, as for events.
         */
        CompleteConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-completable",
                 *       "title": "Not allowed by the rules",
                 *       "status": 409,
                 *       "detail": "achievement 'marathon' unlocks by its own criterion, not through the API",
                 *       "error": "not_completable"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The rules refuse the redemption, and nothing changed: `reward_unavailable` (now is before
         *     the reward's `available_from` or not before its `available_until`), `out_of_stock` (every
         *     unit of its `stock` is held by redemptions that are not cancelled), `limit_reached` (the
         *     user holds `per_user_limit` redemptions of it that are not cancelled), `level_required` (the
         *     user's level in its points system is below `level_required`), `insufficient_points` (the
         *     balance is below the cost in a system that does not allow negative balances). Or
         *     `idempotency_conflict`, as for events.
         */
        RedeemConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `quest_ended`: the quest's fixed window has ended; `not_joinable`: the quest is a team
         *     quest, in which every team takes part through its members' events. Nothing changed (the
         *     user is not created). Or `idempotency_conflict`, as for events.
         */
        JoinConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/quest-ended",
                 *       "title": "Not allowed by the rules",
                 *       "status": 409,
                 *       "detail": "quest 'week' ended at 2026-12-21T00:00:00Z",
                 *       "error": "quest_ended"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_found`: the application has no redemption of that id. */
        RedemptionNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no redemption 'rdm_0000'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `redemption_not_pending`: the redemption is already fulfilled or cancelled; nothing changed.
         *     Or `idempotency_conflict`, as for events.
         */
        RedemptionConflict: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/redemption-not-pending",
                 *       "title": "Redemption not pending",
                 *       "status": 409,
                 *       "detail": "redemption 'rdm_65y64trgdt9t8ma45ykn' is cancelled; only a pending redemption can be fulfilled or cancelled",
                 *       "error": "redemption_not_pending"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `not_found`: the application has no such team. */
        TeamNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no team 'red'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not_found`: the application has no such team, or (joining) no such user, or (leaving) the
         *     user is not a member of the team; nothing changed.
         */
        TeamMemberNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "no user 'ann'",
                 *       "error": "not_found"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `team_limit_reached` (`field` `user_id`): the user is already a member of the application's
         *     `max_teams_per_user` teams; nothing changed. Leave a team first, or raise the limit
         *     (`PATCH /v1/application`).
         */
        TeamLimitReached: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/team-limit-reached",
                 *       "title": "Team limit reached",
                 *       "status": 409,
                 *       "detail": "user 'ann' is a member of 10 teams, the application's max_teams_per_user",
                 *       "error": "team_limit_reached",
                 *       "field": "user_id"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `leaderboard_immutable` (`field` `rank_by`): the `PUT` would change the `rank_by`, `period`,
         *     `timezone` or `week_start` of a team leaderboard (restoring an archived one included). Its
         *     stored scores were counted with them: define a board with another key instead. Nothing
         *     changed.
         */
        LeaderboardImmutable: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/leaderboard-immutable",
                 *       "title": "Leaderboard cannot change this way",
                 *       "status": 409,
                 *       "detail": "team leaderboard 'steps_daily' keeps its rank_by, period, timezone and week_start; define a board with another key for another ranking",
                 *       "error": "leaderboard_immutable",
                 *       "field": "rank_by"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `not_found`: no team leaderboard of that key was ever defined, or the team has no score on
         *     the board in the period (then `team_id` names it).
         */
        TeamPlaceNotFound: {
            headers: {
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/not-found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "team 'green' has no score on team leaderboard 'steps_daily' in period 2026-12-04",
                 *       "error": "not_found",
                 *       "team_id": "green"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `leaderboard_unavailable`: the ranking index (Redis) does not answer or refuses writes, or
         *     is being repaired from the stored scores after an outage or a Redis restart. Events are not
         *     affected. Retry after `Retry-After` seconds.
         */
        LeaderboardUnavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description `unavailable`: the store cannot commit or cannot be reached (its disk is full, the
         *     database is down); nothing was changed. Retry after `Retry-After` seconds.
         */
        Unavailable: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://ludus.dev/problems/unavailable",
                 *       "title": "Service unavailable",
                 *       "status": 503,
                 *       "detail": "the store cannot write to its disk (full, or failing); nothing was changed, retry later",
                 *       "error": "unavailable"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Retry after `Retry-After` seconds, with the same `Idempotency-Key` if the request has one.
         *     `overloaded`: the write queue is full (`LUDUS_WRITE_QUEUE`); nothing was written.
         *     `unavailable`: the write failed after its retries (e.g. the database is unreachable) and
         *     did not commit, or the server is shutting down; when shutdown interrupted the wait for the
         *     commit, the outcome is unknown, which the idempotency key makes safe to retry.
         */
        Overloaded: {
            headers: {
                /** @description Seconds to wait before retrying. */
                "Retry-After"?: number;
                "Cache-Control": components["headers"]["NoStore"];
                "X-Request-Id": components["headers"]["XRequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
        WebhookId: string;
        /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
        WebhookTimestamp: string;
        /**
         * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
         *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
         *     rotation, two signatures separated by a space (the new secret's first).
         */
        WebhookSignature: string;
        /**
         * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
         *     a UUID. Echoed on the response.
         */
        RequestId: string;
        TenantId: string;
        ApplicationId: string;
        /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
        Limit: number;
        /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
        Cursor: string;
        /**
         * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
         *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
         *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
         */
        DryRun: boolean;
        /**
         * @description `0x` and 40 hex digits, in any case; mixed case must carry a valid EIP-55 checksum
         *     (otherwise 400 `invalid_request`, `field` `address`).
         */
        EcdsaAddress: string;
        /**
         * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
         *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
         *     separate key spaces.
         */
        RuleKey: string;
        /**
         * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
         *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
         *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
         *     `field` `id`.
         */
        UserId: string;
        /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
        PointsSystemKey: string;
        /** @description The achievement's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
        AchievementKey: string;
        /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
        StreakKey: string;
        /**
         * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
         *     logical request within the application, e.g. a UUID. The first successful answer is stored
         *     with the change it made; a retry with the same key and the same request gets that answer
         *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
         *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
         *     be retried with its key. Keys are kept until the user they concern is deleted.
         */
        IdempotencyKey: string;
        /** @description The reward's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
        RewardKey: string;
        /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
        RedemptionId: string;
        /** @description Only the redemptions of this status; another value -> 400 naming `status`. */
        RedemptionStatus: components["schemas"]["RedemptionStatus"];
        /**
         * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
         *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
         *     path segment.
         */
        TeamId: string;
        /**
         * @description The member's user id: 1 to 255 characters without control characters or '/', percent-encoded
         *     as a path segment (otherwise 400 `invalid_request`, `field` `user_id`); `me` stands for the
         *     token's subject (`sub`).
         */
        MemberUserId: string;
        /**
         * @description Any local date (`YYYY-MM-DD`, in the board's timezone) inside the wanted period; default the
         *     current one. Not a date, or a date in the future -> 400 naming `period`. A period nobody
         *     scored in answers an empty ranking.
         */
        TeamLeaderboardPeriod: string;
        /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
        IncludeArchived: boolean;
        /** @description The quest's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
        QuestKey: string;
        /**
         * @description Only the windows of this quest (a key, `[a-z0-9_.-]{1,64}`; otherwise 400 `invalid_request`,
         *     whose `field` is `quest`). A quest with no ended window answers an empty page.
         */
        QuestFilter: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description RFC 9745, only on answers to ECDSA-signed requests (scheme `ecdsaSignature`), errors after
         *     authentication (400, 403, 404, ...) included: `@` and the epoch seconds since when ECDSA
         *     request signing is deprecated (2026-11-01T00:00:00Z).
         */
        Deprecation: string;
        /**
         * @description RFC 8594, only on answers to ECDSA-signed requests: the HTTP-date after which ECDSA
         *     request signing may stop working (`LUDUS_ECDSA_SUNSET`, default 2027-12-31T00:00:00Z).
         *     Informational: Ludus keeps accepting signed requests after it until the application turns
         *     ECDSA off.
         */
        Sunset: string;
        /** @description Only on answers to ECDSA-signed requests: the migration guide, `rel="deprecation"` (RFC 9745). */
        DeprecationLink: "<https://ludus.dev/docs/migrating-from-ecdsa>; rel=\"deprecation\"";
        /** @description The request id (the caller's, when sane, or a generated UUID). */
        XRequestId: string;
        /** @description `no-store`: the answer carries a secret. */
        NoStore: "no-store";
        /**
         * @description RFC 6750 challenge, realm `ludus`:
         *
         *     - no credentials sent: `Bearer realm="ludus"`
         *     - any other 401: `Bearer realm="ludus", error="invalid_token", error_description="<detail>"`
         *     - 403: `Bearer realm="ludus", error="insufficient_scope", error_description="<detail>", scope="<required scope>"`
         *     - 401 `invalid_client` (client credentials missing or wrong, at `/v1/auth_token` and
         *       `/oauth/...`): `Basic realm="ludus", charset="UTF-8"` (RFC 7617)
         */
        WWWAuthenticate: string;
        /** @description RFC 7617 challenge of a 401 `invalid_client`. */
        BasicChallenge: "Basic realm=\"ludus\", charset=\"UTF-8\"";
        /** @description Whole seconds to wait before the client's next request can pass (at least 1). */
        RetryAfter: number;
        /** @description `no-cache`, as RFC 6749 section 5.1 asks of token answers. */
        PragmaNoCache: "no-cache";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthLive: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "UP"
                     *     }
                     */
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    healthReady: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The store answers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "UP",
                     *       "checks": {
                     *         "store": "UP",
                     *         "disk": "UP",
                     *         "listener": "UP"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description The store does not answer, or the listener has stopped accepting connections. */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "DOWN",
                     *       "checks": {
                     *         "store": "DOWN",
                     *         "disk": "UP",
                     *         "listener": "UP"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current metrics. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    listTenants: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tenants. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme"
                 *     }
                 */
                "application/json": components["schemas"]["TenantCreate"];
            };
        };
        responses: {
            /** @description The tenant. Its id is the `iss` of its applications' tokens. */
            201: {
                headers: {
                    /** @description `/admin/v1/tenants/{tenant_id}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "ten_p14th3vzefxdgwk0ebv4",
                     *       "name": "Acme",
                     *       "created_at": "2026-11-22T22:44:10.022Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    renameTenant: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme Games"
                 *     }
                 */
                "application/json": components["schemas"]["TenantRename"];
            };
        };
        responses: {
            /** @description The tenant after the change. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listApplications: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The applications. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplicationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createApplication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Acme web"
                 *     }
                 */
                "application/json": components["schemas"]["ApplicationCreate"];
            };
        };
        responses: {
            /** @description The application with its secrets. */
            201: {
                headers: {
                    /** @description `/admin/v1/applications/{application_id}` */
                    Location?: string;
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "app_2kf3njdpwvq946s6s5h6",
                     *       "tenant_id": "ten_p14th3vzefxdgwk0ebv4",
                     *       "name": "Acme web",
                     *       "api_secret": "sk_dBayiujxNNrHCZcLPqUh4sULCXvWW0Cd9CGh69E-CVk",
                     *       "client_id": "cid_p26p5a76ybt3gxabgkmg",
                     *       "client_secret": "cs_fDtyw_OL3nT1WoLkrvVx20GGmLOQUdw_yuxTGAV9tvA",
                     *       "default_scopes": [
                     *         "read",
                     *         "write"
                     *       ],
                     *       "max_token_lifetime_seconds": 86400,
                     *       "ecdsa_enabled": true,
                     *       "client_scopes": [
                     *         "users:read",
                     *         "users:write"
                     *       ],
                     *       "timezone": "UTC",
                     *       "created_at": "2026-11-22T22:44:10.097Z"
                     *     }
                     */
                    "application/json": components["schemas"]["CreatedApplication"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getApplication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The application's settings (never its secrets). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateApplication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "default_scopes": [
                 *         "read"
                 *       ],
                 *       "max_token_lifetime_seconds": 3600
                 *     }
                 */
                "application/json": components["schemas"]["ApplicationChanges"];
            };
        };
        responses: {
            /** @description The application after the change. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateApplicationSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "grace_seconds": 3600
                 *     }
                 */
                "application/json": components["schemas"]["RotationRequest"];
            };
        };
        responses: {
            /** @description The new secret, shown this once. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateClientSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "grace_seconds": 3600
                 *     }
                 */
                "application/json": components["schemas"]["RotationRequest"];
            };
        };
        responses: {
            /** @description The new client secret, shown this once. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "client_secret": "cs_YdHtY3_YrCYV0YHX7Ev39iL0UarIs1IjVoNSWavZcFQ",
                     *       "previous_secret_expires_at": "2026-11-22T23:44:36.420Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ClientSecretRotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listEcdsaKeys: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registered keys in address order, a page at a time, each with when it last signed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EcdsaKeyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    addEcdsaKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "address": "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf",
                 *       "scopes": [
                 *         "users:read",
                 *         "users:write"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EcdsaKeyCreate"];
            };
        };
        responses: {
            /** @description The key is registered. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "address": "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
                     *       "scopes": [
                     *         "users:read",
                     *         "users:write"
                     *       ],
                     *       "created_at": "2026-11-22T23:59:15.040Z"
                     *     }
                     */
                    "application/json": components["schemas"]["EcdsaKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    removeEcdsaKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                application_id: components["parameters"]["ApplicationId"];
                /**
                 * @description `0x` and 40 hex digits, in any case; mixed case must carry a valid EIP-55 checksum
                 *     (otherwise 400 `invalid_request`, `field` `address`).
                 */
                address: components["parameters"]["EcdsaAddress"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key is removed. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getOwnApplication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The application's settings (never its secrets). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    updateOwnApplication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApplicationChanges"];
            };
        };
        responses: {
            /** @description The application after the change. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Application"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateOwnSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotationRequest"];
            };
        };
        responses: {
            /** @description The new secret, shown this once. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateOwnClientSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotationRequest"];
            };
        };
        responses: {
            /** @description The new client secret, shown this once. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientSecretRotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listOwnEcdsaKeys: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The registered keys in address order, a page at a time, each with when it last signed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EcdsaKeyList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    addOwnEcdsaKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EcdsaKeyCreate"];
            };
        };
        responses: {
            /** @description The key is registered. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EcdsaKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    removeOwnEcdsaKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description `0x` and 40 hex digits, in any case; mixed case must carry a valid EIP-55 checksum
                 *     (otherwise 400 `invalid_request`, `field` `address`).
                 */
                address: components["parameters"]["EcdsaAddress"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key is removed. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    verifyToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is valid. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Verification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    revokeTokens: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevocationRequest"];
            };
        };
        responses: {
            /** @description The revocation is recorded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Revocation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    issueAuthToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The client's current token. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "token": "eyJraWQiOiJsa19jcGQwNnFjNWUxd2dyYnFzMmFhcyIsInR5cCI6IkpXVCIsImFsZyI6IkVkRFNBIn0.eyJzdWIiOiJjaWRfbmZmZHo1ZHp2ajZncXh4cGI4a2EiLCJhdWQiOiJhcHBfbWE5MTNnYWQ0OWMxZWRmZ2MzazkiLCJzY29wZSI6WyJ1c2VyczpyZWFkIiwidXNlcnM6d3JpdGUiXSwiaXNzIjoiaHR0cDovL2xvY2FsaG9zdDoxODQzMSIsImV4cCI6MTc5NTQxNzE4OSwiaWF0IjoxNzk1Mzg4Mzg5LCJqdGkiOiJhdF96ZzB6NjBqbmQ0eWc4eHExemQ1NCJ9.h2XWVAqNXEIso-zc1tgO92LSTTdu_W66149orVAWVV_r5DKivNYrfMOGOTipDA4eoOYm2aeQeIIuz5c3qBSKCQ",
                     *       "expiration": 1795417189,
                     *       "expiration_dt": "2026-11-23T06:59:49Z",
                     *       "token_type": "Bearer"
                     *     }
                     */
                    "application/json": components["schemas"]["AuthToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["InvalidClient"];
            429: components["responses"]["RateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    invalidateAuthToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The token is invalidated. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_request`: the request authenticated with an application token (or an ECDSA signature), not a server token. */
            400: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "https://ludus.dev/problems/invalid-request",
                     *       "title": "Invalid request",
                     *       "status": 400,
                     *       "detail": "only tokens from POST /v1/auth_token are invalidated here; revoke application tokens at POST /v1/auth/revocations",
                     *       "error": "invalid_request"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    jwks: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The published keys. */
            200: {
                headers: {
                    /** @description `public, max-age=300` */
                    "Cache-Control"?: "public, max-age=300";
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "OKP",
                     *           "crv": "Ed25519",
                     *           "x": "74zTLh0P5c6Jrs5A3JPIb12wVy3xJzXmBcBRJerH45M",
                     *           "kid": "lk_cpd06qc5e1wgrbqs2aas",
                     *           "use": "sig",
                     *           "alg": "EdDSA"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Jwks"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    authorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metadata. */
            200: {
                headers: {
                    /** @description `public, max-age=300` */
                    "Cache-Control"?: "public, max-age=300";
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "issuer": "https://ludus.example.com",
                     *       "token_endpoint": "https://ludus.example.com/oauth/token",
                     *       "jwks_uri": "https://ludus.example.com/.well-known/jwks.json",
                     *       "scopes_supported": [
                     *         "read",
                     *         "write",
                     *         "users:read",
                     *         "users:write",
                     *         "admin"
                     *       ],
                     *       "response_types_supported": [],
                     *       "grant_types_supported": [
                     *         "client_credentials"
                     *       ],
                     *       "token_endpoint_auth_methods_supported": [
                     *         "client_secret_basic",
                     *         "client_secret_post"
                     *       ],
                     *       "revocation_endpoint": "https://ludus.example.com/oauth/revoke",
                     *       "revocation_endpoint_auth_methods_supported": [
                     *         "client_secret_basic",
                     *         "client_secret_post"
                     *       ],
                     *       "introspection_endpoint": "https://ludus.example.com/oauth/introspect",
                     *       "introspection_endpoint_auth_methods_supported": [
                     *         "client_secret_basic",
                     *         "client_secret_post"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["AuthorizationServerMetadata"];
                };
            };
            400: components["responses"]["BadRequest"];
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description How long the replaced keys stay published; 0 withdraws them now. */
                    grace_seconds?: number;
                };
            };
        };
        responses: {
            /** @description The key that signs from now on. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "kid": "lk_ygz3kygcdb92z06916rn",
                     *       "created_at": "2026-11-22T23:00:06.590Z",
                     *       "previous_keys_published_until": "2026-11-23T07:01:06.590Z"
                     *     }
                     */
                    "application/json": components["schemas"]["SigningKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAuditEntries: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Only entries of this action (`rule.put`); ending with a dot, of every action of that
                 *     family (`rule.`, `application.`, `webhook.`).
                 */
                action?: string;
                /** @description Only entries about a target of this kind (`metric`, `application`, `webhook_endpoint`). */
                target_kind?: string;
                /** @description Only entries about the target with this id or key. */
                target_id?: string;
                /** @description Only entries made at or after this time (RFC 3339, UTC). */
                since?: string;
                /** @description Only entries made before this time (RFC 3339, UTC); after `since`. */
                until?: string;
                /** @description Only entries about this tenant (its applications' included). */
                tenant_id?: string;
                /** @description Only entries about this application. */
                application_id?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries, newest first. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "42",
                     *           "occurred_at": "2026-12-01T10:15:30.123Z",
                     *           "tenant_id": "ten_p14th3vzefxdgwk0ebv4",
                     *           "application_id": "app_2kf3njdpwvq946s6s5h6",
                     *           "actor": {
                     *             "kind": "api",
                     *             "application_id": "app_2kf3njdpwvq946s6s5h6",
                     *             "subject": "ops-bot",
                     *             "auth_method": "jwt",
                     *             "account_id": null
                     *           },
                     *           "address": "203.0.113.7",
                     *           "action": "rule.put",
                     *           "target": {
                     *             "kind": "metric",
                     *             "id": "steps"
                     *           },
                     *           "summary": "created metric 'steps'"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getServerStats: {
        parameters: {
            query: {
                /**
                 * @description The start of the range (RFC 3339). The first bucket is the UTC hour (or UTC day, or the
                 *     week from Monday 00:00 UTC) that holds it.
                 */
                from: string;
                /**
                 * @description The end of the range (RFC 3339, exclusive), after `from`. Buckets follow while they start
                 *     before it: at most 744 hours (31 days), 366 days or 106 weeks in one read.
                 */
                to: string;
                /** @description The bucket size, in UTC; weeks start on Monday. Default `hour`. */
                interval?: "hour" | "day" | "week";
                /** @description Only this application's figures; without it, every application's added up. */
                application_id?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every bucket of the range, in order, empty ones included. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "interval": "hour",
                     *       "from": "2026-12-03T10:00:00Z",
                     *       "to": "2026-12-03T11:00:00Z",
                     *       "buckets": [
                     *         {
                     *           "start": "2026-12-03T10:00:00Z",
                     *           "events": 1250,
                     *           "active_users": 310,
                     *           "points_awarded": {
                     *             "coins": 2500,
                     *             "xp": 1250
                     *           },
                     *           "achievements_unlocked": {
                     *             "first_steps": 12
                     *           },
                     *           "streaks_extended": {
                     *             "daily_walk": 140
                     *           },
                     *           "streaks_lost": {
                     *             "daily_walk": 9
                     *           },
                     *           "webhook_deliveries": {
                     *             "delivered": 1402,
                     *             "retrying": 3,
                     *             "given_up": 0
                     *           },
                     *           "requests": {
                     *             "jwt": 1190,
                     *             "auth_token": 48,
                     *             "ecdsa": 20
                     *           },
                     *           "groups": {
                     *             "game": {
                     *               "events": 1250,
                     *               "active_users": 310,
                     *               "points_awarded": {
                     *                 "coins": 2500,
                     *                 "xp": 1250
                     *               },
                     *               "achievements_unlocked": {
                     *                 "first_steps": 12
                     *               },
                     *               "streaks_extended": {
                     *                 "daily_walk": 140
                     *               },
                     *               "streaks_lost": {
                     *                 "daily_walk": 9
                     *               }
                     *             },
                     *             "control": {
                     *               "events": 0,
                     *               "active_users": 0,
                     *               "points_awarded": {},
                     *               "achievements_unlocked": {},
                     *               "streaks_extended": {},
                     *               "streaks_lost": {}
                     *             }
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StatsSeries"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["OperatorUnauthorized"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listOwnAuditEntries: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Only entries of this action (`rule.put`); ending with a dot, of every action of that
                 *     family (`rule.`, `application.`, `webhook.`).
                 */
                action?: string;
                /** @description Only entries about a target of this kind (`metric`, `application`, `webhook_endpoint`). */
                target_kind?: string;
                /** @description Only entries about the target with this id or key. */
                target_id?: string;
                /** @description Only entries made at or after this time (RFC 3339, UTC). */
                since?: string;
                /** @description Only entries made before this time (RFC 3339, UTC); after `since`. */
                until?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries, newest first. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "42",
                     *           "occurred_at": "2026-12-01T10:15:30.123Z",
                     *           "tenant_id": "ten_p14th3vzefxdgwk0ebv4",
                     *           "application_id": "app_2kf3njdpwvq946s6s5h6",
                     *           "actor": {
                     *             "kind": "api",
                     *             "application_id": "app_2kf3njdpwvq946s6s5h6",
                     *             "subject": "ops-bot",
                     *             "auth_method": "jwt",
                     *             "account_id": null
                     *           },
                     *           "address": "203.0.113.7",
                     *           "action": "rule.put",
                     *           "target": {
                     *             "kind": "metric",
                     *             "id": "steps"
                     *           },
                     *           "summary": "created metric 'steps'"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["AuditEntryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportEvents: {
        parameters: {
            query?: {
                /** @description Events received at or after this instant (RFC 3339); the first event by default. */
                from?: string;
                /** @description Events received before this instant (RFC 3339), after `from`; now by default. */
                to?: string;
                /** @description An event id of this application; the export starts after it. */
                after?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events, a line each. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `attachment; filename="events.ndjson"` (or `events.csv`). */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportUsers: {
        parameters: {
            query?: {
                /** @description A user id of this application; the export starts after it. */
                after?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The users, a line each. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    /** @description `attachment; filename="users.ndjson"` (or `users.csv`). */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    exportUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's record. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserExport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStats: {
        parameters: {
            query: {
                /**
                 * @description The start of the range (RFC 3339). The first bucket is the UTC hour (or UTC day, or the
                 *     week from Monday 00:00 UTC) that holds it.
                 */
                from: string;
                /**
                 * @description The end of the range (RFC 3339, exclusive), after `from`. Buckets follow while they start
                 *     before it: at most 744 hours (31 days), 366 days or 106 weeks in one read.
                 */
                to: string;
                /** @description The bucket size, in UTC; weeks start on Monday. Default `hour`. */
                interval?: "hour" | "day" | "week";
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every bucket of the range, in order, empty ones included. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "interval": "hour",
                     *       "from": "2026-12-03T10:00:00Z",
                     *       "to": "2026-12-03T11:00:00Z",
                     *       "buckets": [
                     *         {
                     *           "start": "2026-12-03T10:00:00Z",
                     *           "events": 1250,
                     *           "active_users": 310,
                     *           "points_awarded": {
                     *             "coins": 2500,
                     *             "xp": 1250
                     *           },
                     *           "achievements_unlocked": {
                     *             "first_steps": 12
                     *           },
                     *           "streaks_extended": {
                     *             "daily_walk": 140
                     *           },
                     *           "streaks_lost": {
                     *             "daily_walk": 9
                     *           },
                     *           "webhook_deliveries": {
                     *             "delivered": 1402,
                     *             "retrying": 3,
                     *             "given_up": 0
                     *           },
                     *           "requests": {
                     *             "jwt": 1190,
                     *             "auth_token": 48,
                     *             "ecdsa": 20
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StatsSeries"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    oauthToken: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "grant_type": "client_credentials",
                 *       "scope": "users:read"
                 *     }
                 */
                "application/x-www-form-urlencoded": components["schemas"]["OAuthTokenRequest"];
            };
        };
        responses: {
            /** @description The access token (RFC 6749 section 5.1). */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    Pragma: components["headers"]["PragmaNoCache"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "access_token": "eyJraWQiOiJsa19jcGQwNnFjNWUxd2dyYnFzMmFhcyIsInR5cCI6IkpXVCIsImFsZyI6IkVkRFNBIn0.eyJzdWIiOi...",
                     *       "token_type": "Bearer",
                     *       "expires_in": 28791,
                     *       "scope": "users:read users:write"
                     *     }
                     */
                    "application/json": components["schemas"]["OAuthAccessToken"];
                };
            };
            400: components["responses"]["OAuthBadRequest"];
            401: components["responses"]["OAuthInvalidClient"];
            429: components["responses"]["OAuthRateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    oauthRevoke: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["OAuthTokenParameter"];
            };
        };
        responses: {
            /** @description Done (or nothing to do); empty body. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["OAuthBadRequest"];
            401: components["responses"]["OAuthInvalidClient"];
            429: components["responses"]["OAuthRateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    oauthIntrospect: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["OAuthTokenParameter"];
            };
        };
        responses: {
            /** @description What the token is. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Introspection"];
                };
            };
            400: components["responses"]["OAuthBadRequest"];
            401: components["responses"]["OAuthInvalidClient"];
            429: components["responses"]["OAuthRateLimited"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listMetrics: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of metrics. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MetricList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getMetric: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metric. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Metric"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putMetric: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Steps",
                 *       "description": "Steps walked"
                 *     }
                 */
                "application/json": components["schemas"]["MetricDefinition"];
            };
        };
        responses: {
            /** @description The metric after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Metric"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The metric is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/metrics/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "steps",
                     *       "name": "Steps",
                     *       "description": "Steps walked",
                     *       "allow_negative": false,
                     *       "created_at": "2026-11-23T00:50:19.221Z",
                     *       "updated_at": "2026-11-23T00:50:19.221Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["Metric"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveMetric: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metric is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RuleInUse"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPointsSystems: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of points systems. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointsSystemList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getPointsSystem: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The points system. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointsSystem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putPointsSystem: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Experience",
                 *       "triggers": [
                 *         {
                 *           "type": "metric",
                 *           "metric": "steps",
                 *           "points": 10,
                 *           "per": 100
                 *         },
                 *         {
                 *           "type": "metric",
                 *           "metric": "distance_km",
                 *           "points": 5,
                 *           "per": 0.5,
                 *           "filter": {
                 *             "mode": "run"
                 *           }
                 *         },
                 *         {
                 *           "type": "achievement",
                 *           "achievement": "first_steps",
                 *           "points": 100
                 *         }
                 *       ],
                 *       "max_points": 100000,
                 *       "levels": [
                 *         {
                 *           "name": "Rookie",
                 *           "threshold": 0
                 *         },
                 *         {
                 *           "name": "Walker",
                 *           "threshold": 100
                 *         },
                 *         {
                 *           "name": "Pro",
                 *           "threshold": 1000
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["PointsSystemDefinition"];
            };
        };
        responses: {
            /** @description The points system after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointsSystem"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The points system is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/points/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "xp",
                     *       "name": "Experience",
                     *       "description": null,
                     *       "triggers": [
                     *         {
                     *           "type": "metric",
                     *           "metric": "steps",
                     *           "points": 10,
                     *           "per": 100,
                     *           "filter": {}
                     *         },
                     *         {
                     *           "type": "metric",
                     *           "metric": "distance_km",
                     *           "points": 5,
                     *           "per": 0.5,
                     *           "filter": {
                     *             "mode": "run"
                     *           }
                     *         },
                     *         {
                     *           "type": "achievement",
                     *           "achievement": "first_steps",
                     *           "points": 100
                     *         }
                     *       ],
                     *       "max_points": 100000,
                     *       "allow_negative": false,
                     *       "levels": [
                     *         {
                     *           "name": "Rookie",
                     *           "threshold": 0
                     *         },
                     *         {
                     *           "name": "Walker",
                     *           "threshold": 100
                     *         },
                     *         {
                     *           "name": "Pro",
                     *           "threshold": 1000
                     *         }
                     *       ],
                     *       "created_at": "2026-11-23T00:50:24.819Z",
                     *       "updated_at": "2026-11-23T00:50:24.819Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["PointsSystem"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archivePointsSystem: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The points system is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RuleInUse"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listPointsSeasons: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The seasons. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeasonList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getPointsSeason: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The season's key (`2027`, `2027-Q1`, `2027-03`, `2027-03-01`); another form -> 400 naming `season`. */
                season: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the standings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SeasonStandings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listAchievements: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the catalog. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AchievementList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getAchievement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The achievement. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Achievement"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putAchievement: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AchievementDefinition"];
            };
        };
        responses: {
            /** @description The achievement after the change, with the backfill's count; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AchievementPut"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The achievement is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/achievements/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "thousand_steps",
                     *       "name": "A thousand steps",
                     *       "description": null,
                     *       "hidden": false,
                     *       "trigger": {
                     *         "type": "metric",
                     *         "metric": "steps",
                     *         "threshold": 1000
                     *       },
                     *       "reward": {
                     *         "system": "coins",
                     *         "points": 20
                     *       },
                     *       "created_at": "2026-11-23T00:50:54.890Z",
                     *       "updated_at": "2026-11-23T00:50:54.890Z",
                     *       "archived_at": null,
                     *       "completions": 2,
                     *       "rarity": 0.4,
                     *       "backfilled_users": 2
                     *     }
                     */
                    "application/json": components["schemas"]["AchievementPut"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    archiveAchievement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The achievement is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RuleInUse"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listStreaks: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of streaks. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreakRuleList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getStreak: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The streak. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreakRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putStreak: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreakDefinition"];
            };
        };
        responses: {
            /** @description The streak after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StreakRule"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The streak is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/streaks/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "daily_walk",
                     *       "name": "Daily walk",
                     *       "description": "1,000 steps a day",
                     *       "period": "daily",
                     *       "week_start": "monday",
                     *       "conditions": [
                     *         {
                     *           "metric": "steps",
                     *           "threshold": 1000
                     *         }
                     *       ],
                     *       "combine": "all",
                     *       "freezes": {
                     *         "initial": 1,
                     *         "earn_every": 7,
                     *         "max": 3
                     *       },
                     *       "created_at": "2026-12-01T13:28:42.782Z",
                     *       "updated_at": "2026-12-01T13:28:42.782Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["StreakRule"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["StreakImmutable"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveStreak: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The streak is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RuleInUse"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listLeaderboards: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of leaderboard definitions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLeaderboard: {
        parameters: {
            query?: {
                /** @description Any local date (in the board's timezone) inside the wanted period; default the current one. A future date is 400. */
                period?: string;
                /** @description Entries per page, 1 to 100. */
                limit?: number;
                /** @description The `next_cursor` of the previous page (not with `around`). */
                cursor?: string;
                /** @description A user id (or `me`); answers the window around that user. */
                around?: string;
                /** @description With `around`, how many users above and below, 1 to 50. */
                radius?: number;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking of the period. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardRanking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["LeaderboardUnavailable"];
        };
    };
    putLeaderboard: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Top walkers this week",
                 *       "rank_by": {
                 *         "type": "metric",
                 *         "metric": "steps"
                 *       },
                 *       "period": "weekly",
                 *       "timezone": "Europe/Paris",
                 *       "filter": {
                 *         "country": "FR"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["LeaderboardDefinition"];
            };
        };
        responses: {
            /** @description The leaderboard after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardPut"];
                };
            };
            /** @description The leaderboard is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/leaderboards/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardPut"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveLeaderboard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The leaderboard is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RuleInUse"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getLeaderboardUser: {
        parameters: {
            query?: {
                /** @description Any local date inside the wanted period; default the current one. */
                period?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The user id, or `me`. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's standing. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaderboardUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["LeaderboardUnavailable"];
        };
    };
    listRewards: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rewards. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardRuleList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getReward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reward. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putReward: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Ludus mug",
                 *       "description": "A mug with the logo",
                 *       "points_system": "coins",
                 *       "cost": 100,
                 *       "stock": 5,
                 *       "per_user_limit": 1,
                 *       "available_until": "2026-12-31T23:00:00Z"
                 *     }
                 */
                "application/json": components["schemas"]["RewardDefinition"];
            };
        };
        responses: {
            /** @description The reward after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RewardRule"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The reward is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/rewards/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "mug",
                     *       "name": "Ludus mug",
                     *       "description": "A mug with the logo",
                     *       "points_system": "coins",
                     *       "cost": 100,
                     *       "stock": 5,
                     *       "per_user_limit": 1,
                     *       "available_from": null,
                     *       "available_until": "2026-12-31T23:00:00Z",
                     *       "level_required": null,
                     *       "redeemed": 0,
                     *       "remaining": 5,
                     *       "created_at": "2026-11-23T00:50:24.819Z",
                     *       "updated_at": "2026-11-23T00:50:24.819Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["RewardRule"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveReward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reward is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listRewardRedemptions: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only the redemptions of this status; another value -> 400 naming `status`. */
                status?: components["parameters"]["RedemptionStatus"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The reward's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["RewardKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of redemptions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedemptionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    recordEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "metric": "steps",
                 *       "value": 1200,
                 *       "attributes": {
                 *         "device": "watch"
                 *       },
                 *       "user": {
                 *         "name": "Ada",
                 *         "timezone": "Europe/Paris"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["EventRequest"];
            };
        };
        responses: {
            /**
             * @description The event is recorded (or, with `idempotent_replayed: true`, was recorded by an earlier
             *     request with the same key: this is its answer).
             */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "event": {
                     *         "id": "evt_65y64trgdt9t8ma45ykn",
                     *         "user_id": "user_123",
                     *         "metric": "steps",
                     *         "value": 1200,
                     *         "occurred_at": "2026-11-23T00:50:27.504Z",
                     *         "received_at": "2026-11-23T00:50:27.504Z",
                     *         "attributes": {
                     *           "device": "watch"
                     *         }
                     *       },
                     *       "metric": {
                     *         "key": "steps",
                     *         "total": 1200
                     *       },
                     *       "points": [
                     *         {
                     *           "system": "xp",
                     *           "awarded": 220,
                     *           "balance": 220,
                     *           "capped": false
                     *         }
                     *       ],
                     *       "levels": [
                     *         {
                     *           "system": "xp",
                     *           "previous": {
                     *             "number": 1,
                     *             "name": "Rookie"
                     *           },
                     *           "current": {
                     *             "number": 2,
                     *             "name": "Walker"
                     *           }
                     *         }
                     *       ],
                     *       "achievements": [
                     *         {
                     *           "key": "first_steps",
                     *           "name": "First steps",
                     *           "unlocked_at": "2026-11-23T00:50:27.504Z",
                     *           "backfilled": false,
                     *           "reward": null
                     *         }
                     *       ],
                     *       "streaks": [
                     *         {
                     *           "key": "daily_walk",
                     *           "change": "extended",
                     *           "length": 1,
                     *           "longest": 1,
                     *           "period_start": "2026-11-22T23:00:00Z",
                     *           "period_end": "2026-11-23T23:00:00Z",
                     *           "freezes": null,
                     *           "granted": null
                     *         }
                     *       ],
                     *       "quests": [],
                     *       "leaderboards": [],
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["EventAnswer"];
                };
            };
            400: components["responses"]["EventBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    recordEvents: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "events": [
                 *         {
                 *           "metric": "steps",
                 *           "user_id": "user_7",
                 *           "value": 300,
                 *           "idempotency_key": "import-7-1"
                 *         },
                 *         {
                 *           "metric": "nope",
                 *           "user_id": "user_7"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["EventBatch"];
            };
        };
        responses: {
            /** @description One result per event, in input order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "results": [
                     *         {
                     *           "status": 201,
                     *           "body": {
                     *             "event": {
                     *               "id": "evt_jb275exp7dy23cgzgxb4",
                     *               "user_id": "user_7",
                     *               "metric": "steps",
                     *               "value": 300,
                     *               "occurred_at": "2026-11-23T00:50:44.396Z",
                     *               "received_at": "2026-11-23T00:50:44.396Z",
                     *               "attributes": {}
                     *             },
                     *             "metric": {
                     *               "key": "steps",
                     *               "total": 300
                     *             },
                     *             "points": [
                     *               {
                     *                 "system": "xp",
                     *                 "awarded": 30,
                     *                 "balance": 30,
                     *                 "capped": false
                     *               }
                     *             ],
                     *             "levels": [],
                     *             "achievements": [],
                     *             "streaks": [],
                     *             "quests": [],
                     *             "leaderboards": [],
                     *             "idempotent_replayed": false
                     *           },
                     *           "error": null
                     *         },
                     *         {
                     *           "status": 400,
                     *           "body": null,
                     *           "error": {
                     *             "type": "https://ludus.dev/problems/unknown-metric",
                     *             "title": "Unknown metric",
                     *             "status": 400,
                     *             "detail": "no active metric 'nope'; define it with PUT /v1/metrics/nope",
                     *             "error": "unknown_metric",
                     *             "field": "events[1].metric"
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EventBatchAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    validateEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "metric": "steps",
                 *       "value": 250.5,
                 *       "attributes": {
                 *         "device": "phone"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["EventRequest"];
            };
        };
        responses: {
            /** @description The event is well-formed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "valid": true,
                     *       "user_id": "user_123",
                     *       "metric": "steps",
                     *       "value": 250.5,
                     *       "occurred_at": "2026-11-23T00:50:44.443Z",
                     *       "attributes": {
                     *         "device": "phone"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ValidatedEvent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Users whose id starts with it (exact case), 1 to 255 characters. */
                id_prefix?: string;
                /**
                 * @description Users whose name or email starts with it, case aside (PostgreSQL folds case as its
                 *     database's locale does; SQLite folds A-Z only), 1 to 320 characters.
                 */
                q?: string;
                /** @description `name:value`: users whose profile attribute `name` is exactly `value`. */
                attribute?: string;
                /**
                 * @description `created_at` (default), `last_active_at` (when Ludus last received an event for the
                 *     user; their creation until the first), or `balance:<points system>` (an active system;
                 *     only users with a balance in it are listed, and each item carries `balance`).
                 */
                sort?: string;
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page, with the same `sort`; any other -> 400 naming `cursor`. */
                cursor?: string;
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of users. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "user_123",
                     *           "name": "Ada Lovelace",
                     *           "email": "ada@example.com",
                     *           "timezone": "Europe/London",
                     *           "attributes": {
                     *             "plan": "pro"
                     *           },
                     *           "created_at": "2026-11-23T00:50:27.504Z",
                     *           "updated_at": "2026-11-23T00:50:47.519Z",
                     *           "last_active_at": "2026-11-24T08:12:03.118Z"
                     *         }
                     *       ],
                     *       "next_cursor": "Y3JlYXRlZF9hdCAxNzk1OTA2ODAwMDAwIHVzZXJfMTIz"
                     *     }
                     */
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Ada Lovelace",
                 *       "email": "ada@example.com",
                 *       "timezone": "Europe/London",
                 *       "attributes": {
                 *         "plan": "pro"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UserProfile"];
            };
        };
        responses: {
            /** @description The profile after the change. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "user_123",
                     *       "name": "Ada Lovelace",
                     *       "email": "ada@example.com",
                     *       "timezone": "Europe/London",
                     *       "attributes": {
                     *         "plan": "pro"
                     *       },
                     *       "created_at": "2026-11-23T00:50:27.504Z",
                     *       "updated_at": "2026-11-23T00:50:47.519Z",
                     *       "last_active_at": "2026-11-23T00:50:27.504Z"
                     *     }
                     */
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description The user is new. */
            201: {
                headers: {
                    /** @description `/v1/users/{id}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user is erased. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    clearUserFlag: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The flag is cleared (or there was none). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FlagClearAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    getProgress: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's progress. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "user_123",
                     *       "metrics": [
                     *         {
                     *           "key": "distance_km",
                     *           "name": "Distance (km)",
                     *           "total": 0.9
                     *         },
                     *         {
                     *           "key": "steps",
                     *           "name": "Steps",
                     *           "total": 1200
                     *         }
                     *       ],
                     *       "points": [
                     *         {
                     *           "system": "xp",
                     *           "name": "Experience",
                     *           "balance": 225,
                     *           "level": {
                     *             "number": 2,
                     *             "name": "Walker"
                     *           },
                     *           "next_level": {
                     *             "number": 3,
                     *             "name": "Pro",
                     *             "threshold": 1000,
                     *             "remaining": 775
                     *           }
                     *         }
                     *       ],
                     *       "achievements": [
                     *         {
                     *           "key": "first_steps",
                     *           "name": "First steps",
                     *           "hidden": false,
                     *           "unlocked": true,
                     *           "unlocked_at": "2026-11-23T00:50:27.504Z",
                     *           "backfilled": false,
                     *           "progress": {
                     *             "current": 1200,
                     *             "target": 1000
                     *           }
                     *         },
                     *         {
                     *           "key": "marathon",
                     *           "name": "Marathon",
                     *           "hidden": false,
                     *           "unlocked": false,
                     *           "unlocked_at": null,
                     *           "backfilled": false,
                     *           "progress": {
                     *             "current": 0.9,
                     *             "target": 42.195
                     *           }
                     *         }
                     *       ],
                     *       "streaks": [
                     *         {
                     *           "key": "daily_walk",
                     *           "name": "Daily walk",
                     *           "period": "daily",
                     *           "timezone": "Europe/Paris",
                     *           "current": 1,
                     *           "longest": 1,
                     *           "freezes": 1,
                     *           "max_freezes": 3,
                     *           "period_start": "2026-11-22T23:00:00Z",
                     *           "period_end": "2026-11-23T23:00:00Z",
                     *           "period_met": true,
                     *           "at_risk": false,
                     *           "expires_at": "2026-11-25T23:00:00Z",
                     *           "conditions": [
                     *             {
                     *               "metric": "steps",
                     *               "value": 1200,
                     *               "threshold": 1000,
                     *               "met": true
                     *             }
                     *           ]
                     *         }
                     *       ],
                     *       "recent_events": [
                     *         {
                     *           "id": "evt_t9wz387h8ttrtwsrddz3",
                     *           "user_id": "user_123",
                     *           "metric": "distance_km",
                     *           "value": 0.2,
                     *           "occurred_at": "2026-11-23T00:50:32.337Z",
                     *           "received_at": "2026-11-23T00:50:32.337Z",
                     *           "attributes": {}
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Progress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    adjustPoints: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount": 1000,
                 *       "reason": "launch bonus"
                 *     }
                 */
                "application/json": components["schemas"]["PointsAdjustment"];
            };
        };
        responses: {
            /** @description The adjustment is recorded (or replayed: `idempotent_replayed` true). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "user_123",
                     *       "system": "xp",
                     *       "amount": 1000,
                     *       "balance": 1225,
                     *       "capped": false,
                     *       "reason": "launch bonus",
                     *       "level": {
                     *         "number": 3,
                     *         "name": "Pro"
                     *       },
                     *       "levels": [
                     *         {
                     *           "system": "xp",
                     *           "previous": {
                     *             "number": 2,
                     *             "name": "Walker"
                     *           },
                     *           "current": {
                     *             "number": 3,
                     *             "name": "Pro"
                     *           }
                     *         }
                     *       ],
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["PointsAdjustmentAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["AdjustConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    pointsHistory: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the history. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": 3,
                     *           "amount": 5,
                     *           "balance": 225,
                     *           "source": "event",
                     *           "reference": "evt_p9tdq4ax4pzhavw09s43",
                     *           "reason": null,
                     *           "created_at": "2026-11-23T00:50:32.276Z"
                     *         },
                     *         {
                     *           "id": 2,
                     *           "amount": 100,
                     *           "balance": 220,
                     *           "source": "achievement",
                     *           "reference": "first_steps",
                     *           "reason": null,
                     *           "created_at": "2026-11-23T00:50:27.504Z"
                     *         },
                     *         {
                     *           "id": 1,
                     *           "amount": 120,
                     *           "balance": 120,
                     *           "source": "event",
                     *           "reference": "evt_65y64trgdt9t8ma45ykn",
                     *           "reason": null,
                     *           "created_at": "2026-11-23T00:50:27.504Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["PointsHistory"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    userPointsSeasons: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The points system's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                system: components["parameters"]["PointsSystemKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the user's seasons. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserSeasonList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    completeAchievement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The achievement's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["AchievementKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The achievement is unlocked (or already was). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "user_123",
                     *       "achievement": "beta_tester",
                     *       "already_unlocked": false,
                     *       "achievements": [
                     *         {
                     *           "key": "beta_tester",
                     *           "name": "Beta tester",
                     *           "unlocked_at": "2026-11-23T00:50:36.245Z",
                     *           "backfilled": false,
                     *           "reward": null
                     *         }
                     *       ],
                     *       "points": [],
                     *       "levels": [],
                     *       "quests": [],
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["CompletionAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["CompleteConflict"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    listUserStreaks: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's standings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "ada",
                     *       "streaks": [
                     *         {
                     *           "key": "active_week",
                     *           "name": "Active week",
                     *           "period": "weekly",
                     *           "timezone": "Europe/Paris",
                     *           "current": 1,
                     *           "longest": 1,
                     *           "freezes": 0,
                     *           "max_freezes": 0,
                     *           "period_start": "2026-11-28T23:00:00Z",
                     *           "period_end": "2026-12-05T23:00:00Z",
                     *           "period_met": true,
                     *           "at_risk": false,
                     *           "expires_at": "2026-12-12T23:00:00Z",
                     *           "conditions": [
                     *             {
                     *               "metric": "steps",
                     *               "value": 1100,
                     *               "threshold": 10000,
                     *               "met": false
                     *             },
                     *             {
                     *               "metric": "workouts",
                     *               "value": 1,
                     *               "threshold": 1,
                     *               "met": true
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "key": "daily_walk",
                     *           "name": "Daily walk",
                     *           "period": "daily",
                     *           "timezone": "Europe/Paris",
                     *           "current": 3,
                     *           "longest": 3,
                     *           "freezes": 0,
                     *           "max_freezes": 3,
                     *           "period_start": "2026-11-30T23:00:00Z",
                     *           "period_end": "2026-12-01T23:00:00Z",
                     *           "period_met": false,
                     *           "at_risk": true,
                     *           "expires_at": "2026-12-01T23:00:00Z",
                     *           "conditions": [
                     *             {
                     *               "metric": "steps",
                     *               "value": 0,
                     *               "threshold": 1000,
                     *               "met": false
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UserStreakList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getUserStreak: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's standing. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "daily_walk",
                     *       "name": "Daily walk",
                     *       "period": "daily",
                     *       "timezone": "Europe/Paris",
                     *       "current": 3,
                     *       "longest": 3,
                     *       "freezes": 3,
                     *       "max_freezes": 3,
                     *       "period_start": "2026-11-30T23:00:00Z",
                     *       "period_end": "2026-12-01T23:00:00Z",
                     *       "period_met": false,
                     *       "at_risk": true,
                     *       "expires_at": "2026-12-04T23:00:00Z",
                     *       "conditions": [
                     *         {
                     *           "metric": "steps",
                     *           "value": 0,
                     *           "threshold": 1000,
                     *           "met": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["StreakProgress"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    streakHistory: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the history. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "period_start": "2026-11-29T23:00:00Z",
                     *           "period_end": "2026-11-30T23:00:00Z",
                     *           "first_day": "2026-11-30",
                     *           "timezone": "Europe/Paris",
                     *           "result": "frozen",
                     *           "length": 3,
                     *           "recorded_at": "2026-12-01T13:29:36.166Z"
                     *         },
                     *         {
                     *           "period_start": "2026-11-28T23:00:00Z",
                     *           "period_end": "2026-11-29T23:00:00Z",
                     *           "first_day": "2026-11-29",
                     *           "timezone": "Europe/Paris",
                     *           "result": "met",
                     *           "length": 3,
                     *           "recorded_at": "2026-12-01T13:29:01.085Z"
                     *         }
                     *       ],
                     *       "next_cursor": "MTc5NTkwNjgwMDAwMA"
                     *     }
                     */
                    "application/json": components["schemas"]["StreakHistory"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    grantFreezes: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The streak's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["StreakKey"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "count": 2
                 *     }
                 */
                "application/json": components["schemas"]["FreezeGrant"];
            };
        };
        responses: {
            /** @description The grant is recorded (or replayed: `idempotent_replayed` true). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "ada",
                     *       "streak": "daily_walk",
                     *       "requested": 2,
                     *       "granted": 2,
                     *       "freezes": 2,
                     *       "max_freezes": 3,
                     *       "streaks": [
                     *         {
                     *           "key": "daily_walk",
                     *           "change": "freeze_consumed",
                     *           "length": 3,
                     *           "longest": null,
                     *           "period_start": "2026-11-29T23:00:00Z",
                     *           "period_end": "2026-11-30T23:00:00Z",
                     *           "freezes": 0,
                     *           "granted": null
                     *         },
                     *         {
                     *           "key": "daily_walk",
                     *           "change": "freezes_granted",
                     *           "length": null,
                     *           "longest": null,
                     *           "period_start": null,
                     *           "period_end": null,
                     *           "freezes": 2,
                     *           "granted": 2
                     *         }
                     *       ],
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["FreezeAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["IdempotencyConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    redeemReward: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The reward's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["RewardKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The reward is redeemed (or, with `idempotent_replayed: true`, was redeemed by an earlier
             *     request with the same key: this is its answer).
             */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "redemption": {
                     *         "id": "rdm_65y64trgdt9t8ma45ykn",
                     *         "user_id": "user_123",
                     *         "reward": "mug",
                     *         "points_system": "coins",
                     *         "cost": 100,
                     *         "status": "pending",
                     *         "created_at": "2026-11-23T00:50:27.504Z",
                     *         "updated_at": "2026-11-23T00:50:27.504Z"
                     *       },
                     *       "points": {
                     *         "system": "coins",
                     *         "amount": -100,
                     *         "balance": 400
                     *       },
                     *       "levels": [
                     *         {
                     *           "system": "coins",
                     *           "previous": {
                     *             "number": 2,
                     *             "name": "Silver"
                     *           },
                     *           "current": {
                     *             "number": 1,
                     *             "name": "Bronze"
                     *           }
                     *         }
                     *       ],
                     *       "remaining": 4,
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["RedeemAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["RedeemConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    listUserRedemptions: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only the redemptions of this status; another value -> 400 naming `status`. */
                status?: components["parameters"]["RedemptionStatus"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of redemptions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "rdm_65y64trgdt9t8ma45ykn",
                     *           "user_id": "user_123",
                     *           "reward": "mug",
                     *           "points_system": "coins",
                     *           "cost": 100,
                     *           "status": "fulfilled",
                     *           "created_at": "2026-11-23T00:50:27.504Z",
                     *           "updated_at": "2026-11-24T09:12:03.117Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["RedemptionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getRedemption: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The redemption. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Redemption"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RedemptionNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    fulfillRedemption: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The redemption, now fulfilled. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FulfillAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RedemptionNotFound"];
            409: components["responses"]["RedemptionConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    cancelRedemption: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The redemption's id, `rdm_...`; an unknown one answers 404. */
                id: components["parameters"]["RedemptionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The redemption is cancelled and refunded (or replayed: `idempotent_replayed` true). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "redemption": {
                     *         "id": "rdm_65y64trgdt9t8ma45ykn",
                     *         "user_id": "user_123",
                     *         "reward": "mug",
                     *         "points_system": "coins",
                     *         "cost": 100,
                     *         "status": "cancelled",
                     *         "created_at": "2026-11-23T00:50:27.504Z",
                     *         "updated_at": "2026-11-23T08:02:45.930Z"
                     *       },
                     *       "points": {
                     *         "system": "coins",
                     *         "amount": 100,
                     *         "balance": 500
                     *       },
                     *       "levels": [
                     *         {
                     *           "system": "coins",
                     *           "previous": {
                     *             "number": 1,
                     *             "name": "Bronze"
                     *           },
                     *           "current": {
                     *             "number": 2,
                     *             "name": "Silver"
                     *           }
                     *         }
                     *       ],
                     *       "remaining": 5,
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["CancelAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RedemptionNotFound"];
            409: components["responses"]["RedemptionConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    listTeams: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of teams. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["TeamNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "name": "Red",
                 *       "attributes": {
                 *         "city": "Oslo"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["TeamRequest"];
            };
        };
        responses: {
            /** @description The team after the change. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description The team is new. */
            201: {
                headers: {
                    /** @description `/v1/teams/{id}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "red",
                     *       "name": "Red",
                     *       "attributes": {
                     *         "city": "Oslo"
                     *       },
                     *       "members": 0,
                     *       "created_at": "2026-12-04T09:30:00.000Z",
                     *       "updated_at": "2026-12-04T09:30:00.000Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Team"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team is deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["TeamNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTeamQuests: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team's standings. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "team_id": "red",
                     *       "quests": [
                     *         {
                     *           "key": "team_week",
                     *           "name": "Team week",
                     *           "description": null,
                     *           "status": "active",
                     *           "window_start": "2026-12-13T23:00:00Z",
                     *           "window_end": "2026-12-20T23:00:00Z",
                     *           "steps_done": 1,
                     *           "steps_total": 2,
                     *           "steps": [
                     *             {
                     *               "key": "read",
                     *               "metric": "lessons",
                     *               "progress": 12,
                     *               "total": 10,
                     *               "completed": true
                     *             },
                     *             {
                     *               "key": "quiz",
                     *               "metric": "quizzes",
                     *               "progress": 3,
                     *               "total": 5,
                     *               "completed": false
                     *             }
                     *           ],
                     *           "completed_at": null,
                     *           "reward": {
                     *             "points_system": "xp",
                     *             "points": 100,
                     *             "achievement": null
                     *           }
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["TeamQuestList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["TeamNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTeamMembers: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of memberships. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "team_id": "red",
                     *           "user_id": "ann",
                     *           "joined_at": "2026-12-04T09:31:12.045Z"
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TeamMembershipList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["TeamNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    joinTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
                /**
                 * @description The member's user id: 1 to 255 characters without control characters or '/', percent-encoded
                 *     as a path segment (otherwise 400 `invalid_request`, `field` `user_id`); `me` stands for the
                 *     token's subject (`sub`).
                 */
                user_id: components["parameters"]["MemberUserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user was already a member; the membership as it was. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamMembership"];
                };
            };
            /** @description The user joined the team. */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "team_id": "red",
                     *       "user_id": "ann",
                     *       "joined_at": "2026-12-04T09:31:12.045Z"
                     *     }
                     */
                    "application/json": components["schemas"]["TeamMembership"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["TeamMemberNotFound"];
            409: components["responses"]["TeamLimitReached"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    leaveTeam: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The team id, the application's own: 1 to 255 characters without control characters or '/',
                 *     and not '.' or '..' (otherwise 400 `invalid_request`, `field` `id`), percent-encoded as a
                 *     path segment.
                 */
                id: components["parameters"]["TeamId"];
                /**
                 * @description The member's user id: 1 to 255 characters without control characters or '/', percent-encoded
                 *     as a path segment (otherwise 400 `invalid_request`, `field` `user_id`); `me` stands for the
                 *     token's subject (`sub`).
                 */
                user_id: components["parameters"]["MemberUserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user is no longer a member. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["TeamMemberNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    listUserTeams: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of memberships. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamMembershipList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listTeamLeaderboards: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of team leaderboard definitions. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamLeaderboardRuleList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamLeaderboard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team leaderboard. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamLeaderboardRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putTeamLeaderboard: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Steps by team this week",
                 *       "rank_by": {
                 *         "type": "metric",
                 *         "metric": "steps"
                 *       },
                 *       "aggregate": "average",
                 *       "period": "weekly",
                 *       "timezone": "Europe/Oslo"
                 *     }
                 */
                "application/json": components["schemas"]["TeamLeaderboardDefinition"];
            };
        };
        responses: {
            /** @description The board after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamLeaderboardRule"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The board is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/team_leaderboards/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "steps_weekly",
                     *       "name": "Steps by team this week",
                     *       "description": null,
                     *       "rank_by": {
                     *         "type": "metric",
                     *         "metric": "steps"
                     *       },
                     *       "aggregate": "average",
                     *       "period": "weekly",
                     *       "timezone": "Europe/Oslo",
                     *       "week_start": "monday",
                     *       "created_at": "2026-12-04T09:30:00.000Z",
                     *       "updated_at": "2026-12-04T09:30:00.000Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["TeamLeaderboardRule"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["LeaderboardImmutable"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveTeamLeaderboard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team leaderboard is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamLeaderboardRanking: {
        parameters: {
            query?: {
                /**
                 * @description Any local date (`YYYY-MM-DD`, in the board's timezone) inside the wanted period; default the
                 *     current one. Not a date, or a date in the future -> 400 naming `period`. A period nobody
                 *     scored in answers an empty ranking.
                 */
                period?: components["parameters"]["TeamLeaderboardPeriod"];
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ranking of the period. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "leaderboard": {
                     *         "key": "steps_daily",
                     *         "name": "Steps by team",
                     *         "description": null,
                     *         "rank_by": {
                     *           "type": "metric",
                     *           "metric": "steps"
                     *         },
                     *         "aggregate": "sum",
                     *         "period": "daily",
                     *         "timezone": "UTC",
                     *         "week_start": "monday",
                     *         "created_at": "2026-12-04T09:30:00.000Z",
                     *         "updated_at": "2026-12-04T09:30:00.000Z",
                     *         "archived_at": null
                     *       },
                     *       "period": {
                     *         "key": "2026-12-04",
                     *         "start": "2026-12-04T00:00:00Z",
                     *         "end": "2026-12-05T00:00:00Z"
                     *       },
                     *       "participants": 2,
                     *       "entries": [
                     *         {
                     *           "rank": 1,
                     *           "team_id": "blue",
                     *           "name": "Team blue",
                     *           "score": 500,
                     *           "members": 1
                     *         },
                     *         {
                     *           "rank": 2,
                     *           "team_id": "red",
                     *           "name": "Team red",
                     *           "score": 350,
                     *           "members": 2
                     *         }
                     *       ],
                     *       "next_cursor": null
                     *     }
                     */
                    "application/json": components["schemas"]["TeamLeaderboardRanking"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getTeamLeaderboardTeam: {
        parameters: {
            query?: {
                /**
                 * @description Any local date (`YYYY-MM-DD`, in the board's timezone) inside the wanted period; default the
                 *     current one. Not a date, or a date in the future -> 400 naming `period`. A period nobody
                 *     scored in answers an empty ranking.
                 */
                period?: components["parameters"]["TeamLeaderboardPeriod"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
                /** @description The team id, percent-encoded as a path segment. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The team's place. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "team_id": "red",
                     *       "name": "Team red",
                     *       "rank": 2,
                     *       "score": 350,
                     *       "members": 2,
                     *       "participants": 2,
                     *       "period": {
                     *         "key": "2026-12-04",
                     *         "start": "2026-12-04T00:00:00Z",
                     *         "end": "2026-12-05T00:00:00Z"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["TeamLeaderboardPlace"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["TeamPlaceNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listQuests: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
                /** @description `true` lists archived rules too; anything but `true` or `false` -> 400 naming `include_archived`. */
                include_archived?: components["parameters"]["IncludeArchived"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of quests. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestRuleList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getQuest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quest. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestRule"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    putQuest: {
        parameters: {
            query?: {
                /**
                 * @description `true`: check the definition exactly as the `PUT` would (the same 400 and 409 answers) and
                 *     answer 200 with what it would do (`RuleDryRun`), writing nothing: no rule, no rule-set
                 *     version, no backfill, no webhook. `true` or `false` only; another value -> 400 naming `dry_run`.
                 */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Week of learning",
                 *       "steps": [
                 *         {
                 *           "key": "read",
                 *           "metric": "lessons",
                 *           "total": 3
                 *         },
                 *         {
                 *           "key": "badge",
                 *           "achievement": "scholar"
                 *         }
                 *       ],
                 *       "order": "any",
                 *       "enrollment": "opt_in",
                 *       "window": {
                 *         "type": "fixed",
                 *         "starts_at": "2026-12-14T00:00:00Z",
                 *         "ends_at": "2026-12-21T00:00:00Z"
                 *       },
                 *       "reward": {
                 *         "system": "xp",
                 *         "points": 50
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["QuestDefinition"];
            };
        };
        responses: {
            /** @description The quest after the change; with `dry_run=true`, what the `PUT` would do, and nothing written (see `RuleDryRun`). */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestRule"] & components["schemas"]["RuleDryRun"];
                };
            };
            /** @description The quest is new, or restored from the archive. */
            201: {
                headers: {
                    /** @description `/v1/quests/{key}` */
                    Location?: string;
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "key": "week",
                     *       "name": "Week of learning",
                     *       "description": null,
                     *       "steps": [
                     *         {
                     *           "key": "read",
                     *           "metric": "lessons",
                     *           "total": 3
                     *         },
                     *         {
                     *           "key": "badge",
                     *           "achievement": "scholar"
                     *         }
                     *       ],
                     *       "order": "any",
                     *       "enrollment": "opt_in",
                     *       "window": {
                     *         "type": "fixed",
                     *         "starts_at": "2026-12-14T00:00:00Z",
                     *         "ends_at": "2026-12-21T00:00:00Z"
                     *       },
                     *       "team": false,
                     *       "reward": {
                     *         "system": "xp",
                     *         "points": 50,
                     *         "achievement": null
                     *       },
                     *       "created_at": "2026-12-04T09:30:00.000Z",
                     *       "updated_at": "2026-12-04T09:30:00.000Z",
                     *       "archived_at": null
                     *     }
                     */
                    "application/json": components["schemas"]["QuestRule"];
                };
            };
            400: components["responses"]["RuleBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    archiveQuest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The rule's key: 1 to 64 characters of `a-z`, `0-9`, `_`, `.`, `-` (otherwise 400
                 *     `invalid_request`, `field` `key`). Metrics, points systems, achievements and streaks have
                 *     separate key spaces.
                 */
                key: components["parameters"]["RuleKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quest is archived. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["RuleNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    joinQuest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
                /**
                 * @description 1 to 255 characters (otherwise 400 `invalid_request`, `field` `Idempotency-Key`), unique per
                 *     logical request within the application, e.g. a UUID. The first successful answer is stored
                 *     with the change it made; a retry with the same key and the same request gets that answer
                 *     again with `idempotent_replayed: true`, and nothing changes; the same key with another
                 *     request answers 409 `idempotency_conflict`. Refusals are not stored: a refused request may
                 *     be retried with its key. Keys are kept until the user they concern is deleted.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
                /** @description The quest's key (`[a-z0-9_.-]{1,64}`; otherwise 400 naming `key`). */
                key: components["parameters"]["QuestKey"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /**
             * @description The user already took part (joined before, or the quest is automatic); or the replay
             *     of such an answer.
             */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestJoinAnswer"];
                };
            };
            /**
             * @description The user joined the opt-in quest now (or, with `idempotent_replayed: true`, joined by an
             *     earlier request with the same key: this is its answer).
             */
            201: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "user_123",
                     *       "quest": {
                     *         "key": "week",
                     *         "name": "Week of learning",
                     *         "description": null,
                     *         "enrollment": "opt_in",
                     *         "order": "any",
                     *         "status": "active",
                     *         "joined": true,
                     *         "joined_at": "2026-12-16T10:00:00Z",
                     *         "window_start": "2026-12-14T00:00:00Z",
                     *         "window_end": "2026-12-21T00:00:00Z",
                     *         "steps_done": 1,
                     *         "steps_total": 2,
                     *         "steps": [
                     *           {
                     *             "key": "read",
                     *             "metric": "lessons",
                     *             "achievement": null,
                     *             "progress": 0,
                     *             "total": 3,
                     *             "completed": false,
                     *             "completed_at": null
                     *           },
                     *           {
                     *             "key": "badge",
                     *             "metric": null,
                     *             "achievement": "scholar",
                     *             "progress": null,
                     *             "total": null,
                     *             "completed": true,
                     *             "completed_at": "2026-12-16T10:00:00Z"
                     *           }
                     *         ],
                     *         "completed_at": null,
                     *         "reward": {
                     *           "points_system": "xp",
                     *           "points": 50,
                     *           "achievement": null
                     *         }
                     *       },
                     *       "changes": [
                     *         {
                     *           "key": "week",
                     *           "name": "Week of learning",
                     *           "change": "step_completed",
                     *           "step": "badge",
                     *           "steps_done": 1,
                     *           "steps_total": 2,
                     *           "window_start": "2026-12-14T00:00:00Z",
                     *           "window_end": "2026-12-21T00:00:00Z",
                     *           "completed_at": "2026-12-16T10:00:00Z",
                     *           "reward": null,
                     *           "team_id": null
                     *         }
                     *       ],
                     *       "points": [],
                     *       "achievements": [],
                     *       "levels": [],
                     *       "idempotent_replayed": false
                     *     }
                     */
                    "application/json": components["schemas"]["QuestJoinAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["RuleNotFound"];
            409: components["responses"]["JoinConflict"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Overloaded"];
        };
    };
    listUserQuests: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's standings and latest ended windows. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "user_id": "user_123",
                     *       "quests": [
                     *         {
                     *           "key": "daily",
                     *           "name": "Daily practice",
                     *           "description": null,
                     *           "enrollment": "automatic",
                     *           "order": "any",
                     *           "status": "active",
                     *           "joined": false,
                     *           "joined_at": null,
                     *           "window_start": "2026-12-15T23:00:00Z",
                     *           "window_end": "2026-12-16T23:00:00Z",
                     *           "steps_done": 0,
                     *           "steps_total": 1,
                     *           "steps": [
                     *             {
                     *               "key": "step_1",
                     *               "metric": "lessons",
                     *               "achievement": null,
                     *               "progress": 1,
                     *               "total": 3,
                     *               "completed": false,
                     *               "completed_at": null
                     *             }
                     *           ],
                     *           "completed_at": null,
                     *           "reward": {
                     *             "points_system": "xp",
                     *             "points": 5,
                     *             "achievement": null
                     *           }
                     *         }
                     *       ],
                     *       "history": [
                     *         {
                     *           "quest": "daily",
                     *           "window_start": "2026-12-14T23:00:00Z",
                     *           "window_end": "2026-12-15T23:00:00Z",
                     *           "status": "completed",
                     *           "steps_done": 1,
                     *           "steps_total": 1,
                     *           "completed_at": "2026-12-15T08:12:40.113Z",
                     *           "recorded_at": "2026-12-15T08:12:40.113Z"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UserQuestList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    questHistory: {
        parameters: {
            query?: {
                /**
                 * @description Only the windows of this quest (a key, `[a-z0-9_.-]{1,64}`; otherwise 400 `invalid_request`,
                 *     whose `field` is `quest`). A quest with no ended window answers an empty page.
                 */
                quest?: components["parameters"]["QuestFilter"];
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /**
                 * @description The user id: 1 to 255 characters without control characters or '/', percent-encoded as a path
                 *     segment; `me` stands for the token's subject (`sub`). A user other than the token's subject
                 *     needs `users:read` (reads) or `users:write` (writes): 403 `insufficient_permissions`,
                 *     `field` `id`.
                 */
                id: components["parameters"]["UserId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the history. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    Deprecation: components["headers"]["Deprecation"];
                    Sunset: components["headers"]["Sunset"];
                    Link: components["headers"]["DeprecationLink"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "quest": "daily",
                     *           "window_start": "2026-12-15T23:00:00Z",
                     *           "window_end": "2026-12-16T23:00:00Z",
                     *           "status": "expired",
                     *           "steps_done": 0,
                     *           "steps_total": 1,
                     *           "completed_at": null,
                     *           "recorded_at": "2026-12-17T07:02:11.480Z"
                     *         }
                     *       ],
                     *       "next_cursor": "1797375600000:daily"
                     *     }
                     */
                    "application/json": components["schemas"]["QuestHistory"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["UserForbidden"];
            404: components["responses"]["UserNotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of endpoints. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint and its secret. */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointCreated"];
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    changeWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointPatch"];
            };
        };
        responses: {
            /** @description The endpoint as changed. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["WebhookBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["WebhookRotationRequest"];
            };
        };
        responses: {
            /** @description The new secret. */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["NoStore"];
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSecretRotation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of attempts. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookAttemptList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    replayWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookReplayRequest"];
            };
        };
        responses: {
            /** @description How many messages were queued. */
            202: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplayAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    pingWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path: {
                /** @description The endpoint's id (`whe_...`). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attempt. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPingAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    listWebhookEvents: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100 (default 50). Out of range or not a number -> 400 naming `limit`. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; an invalid one -> 400 naming `cursor`. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: {
                /**
                 * @description Correlation id. Used when it matches `[A-Za-z0-9._:-]{1,128}`; otherwise the server makes
                 *     a UUID. Echoed on the response.
                 */
                "X-Request-Id"?: components["parameters"]["RequestId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["XRequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookNoticeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["Unavailable"];
        };
    };
    achievementUnlocked: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AchievementUnlockedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    pointsChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsChangedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    pointsExpiring: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PointsExpiringMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    levelChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LevelChangedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    streakExtended: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreakExtendedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    streakLost: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreakLostMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    streakFreezeConsumed: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StreakFreezeConsumedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    leaderboardRankChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeaderboardRankChangedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    leaderboardPeriodFinished: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeaderboardPeriodFinishedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    rewardRedeemed: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RewardRedeemedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    questStepCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestStepCompletedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    questCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestCompletedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    questExpired: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestExpiredMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    userFlagged: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserFlaggedMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
    webhookPing: {
        parameters: {
            query?: never;
            header: {
                /** @description The message id, `msg_...`, the same on every retry and replay; dedupe on it. */
                "webhook-id": components["parameters"]["WebhookId"];
                /** @description When this attempt was sent, whole seconds since the epoch; refuse one more than 5 minutes off. */
                "webhook-timestamp": components["parameters"]["WebhookTimestamp"];
                /**
                 * @description `v1,` + base64 of HMAC-SHA256 over `webhook-id + "." + webhook-timestamp + "." + body`,
                 *     keyed with the base64-decoded part of the endpoint's secret after `whsec_`. During a secret
                 *     rotation, two signatures separated by a space (the new secret's first).
                 */
                "webhook-signature": components["parameters"]["WebhookSignature"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookPingMessage"];
            };
        };
        responses: {
            "2XX": components["responses"]["WebhookReceived"];
            default: components["responses"]["WebhookRefused"];
        };
    };
}
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
