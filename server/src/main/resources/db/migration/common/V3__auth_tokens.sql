-- Server-issued auth tokens (spec 003): Ludus's signing keys, the current token of each client
-- (its claims, never the token itself: EdDSA re-signs the same claims to the same token), the
-- scopes a client's tokens carry, and the previous client secret during a rotation's grace period.

ALTER TABLE applications ADD COLUMN client_scopes VARCHAR(200) NOT NULL DEFAULT 'users:read users:write';
ALTER TABLE applications ADD COLUMN previous_client_secret_hash VARCHAR(64);
ALTER TABLE applications ADD COLUMN previous_client_secret_expires_at BIGINT;

-- Keys are PKCS#8 / X.509 DER, base64. retired_at is set when a newer key takes over signing;
-- the public key stays published (and accepted) until publish_until, after its last token expired.
CREATE TABLE signing_keys (
    kid            VARCHAR(64)  NOT NULL PRIMARY KEY,
    algorithm      VARCHAR(16)  NOT NULL,
    private_key    VARCHAR(512) NOT NULL,
    public_key     VARCHAR(512) NOT NULL,
    created_at     BIGINT       NOT NULL,
    retired_at     BIGINT,
    publish_until  BIGINT
);

CREATE TABLE auth_tokens (
    client_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    jti             VARCHAR(64)  NOT NULL,
    kid             VARCHAR(64)  NOT NULL,
    scopes          VARCHAR(200) NOT NULL,
    issued_at       BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL
);
