-- Tenants own applications; an application holds its API secrets (HS256 keys) and client credentials.
-- Instants are epoch milliseconds (BIGINT) and flags are 0/1 integers, so one script serves SQLite
-- and PostgreSQL alike.

CREATE TABLE tenants (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE applications (
    id                          VARCHAR(40)  NOT NULL PRIMARY KEY,
    tenant_id                   VARCHAR(40)  NOT NULL REFERENCES tenants (id),
    name                        VARCHAR(200) NOT NULL,
    default_scopes              VARCHAR(200) NOT NULL,
    max_token_lifetime_seconds  INTEGER      NOT NULL,
    ecdsa_enabled               INTEGER      NOT NULL,
    client_id                   VARCHAR(64)  NOT NULL UNIQUE,
    client_secret_hash          VARCHAR(64)  NOT NULL,
    created_at                  BIGINT       NOT NULL,
    updated_at                  BIGINT       NOT NULL
);

CREATE INDEX applications_tenant ON applications (tenant_id);

-- The HMAC key is the secret itself, so it is kept as issued (see docs/adr/0003).
-- expires_at is NULL for the current secret and set for one in its grace period.
CREATE TABLE api_secrets (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    secret          VARCHAR(200) NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT
);

CREATE INDEX api_secrets_application ON api_secrets (application_id);
