-- Console accounts, their roles, invitations, sessions and failed sign-ins (docs/console.md,
-- docs/adr/0025). No token or password is stored as given: tokens as their SHA-256 (hex), passwords
-- as an Argon2id hash in PHC string format.

-- email is trimmed and lower-case; password_hash is NULL and activated_at NULL until the account
-- accepts its invitation.
CREATE TABLE console_accounts (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    email           VARCHAR(254) NOT NULL UNIQUE,
    display_name    VARCHAR(200) NOT NULL,
    password_hash   VARCHAR(200),
    created_at      BIGINT       NOT NULL,
    activated_at    BIGINT
);

-- kind is operator (neither tenant_id nor application_id), admin or viewer (exactly one of them);
-- position keeps the order the roles were given in.
CREATE TABLE console_account_roles (
    account_id      VARCHAR(40)  NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
    position        INTEGER      NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    tenant_id       VARCHAR(40)  REFERENCES tenants (id) ON DELETE CASCADE,
    application_id  VARCHAR(40)  REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, position)
);

-- One row per set-up link sent; used_at is set when it is accepted, expires_at moved to the time
-- of a reinvitation that replaced it.
CREATE TABLE console_invitations (
    token_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id      VARCHAR(40)  NOT NULL REFERENCES console_accounts (id) ON DELETE CASCADE,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    used_at         BIGINT
);

CREATE INDEX console_invitations_account ON console_invitations (account_id);

-- account_id is NULL for a session signed in with the operator key. The CSRF token is derived from
-- the session token, so it is stored nowhere.
CREATE TABLE console_sessions (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(64)  NOT NULL UNIQUE,
    account_id      VARCHAR(40)  REFERENCES console_accounts (id) ON DELETE CASCADE,
    created_at      BIGINT       NOT NULL,
    last_seen_at    BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    address         VARCHAR(64),
    user_agent      VARCHAR(256)
);

CREATE INDEX console_sessions_account ON console_sessions (account_id);
CREATE INDEX console_sessions_expires ON console_sessions (expires_at);

-- Failed sign-ins of the last minutes, by the SHA-256 of the email given (which may be a password
-- typed in the wrong field) and by address: what SignInThrottle counts.
CREATE TABLE console_sign_in_failures (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    email_hash      VARCHAR(64)  NOT NULL,
    address         VARCHAR(64),
    failed_at       BIGINT       NOT NULL
);

CREATE INDEX console_sign_in_failures_email ON console_sign_in_failures (email_hash, failed_at);
CREATE INDEX console_sign_in_failures_address ON console_sign_in_failures (address, failed_at);
CREATE INDEX console_sign_in_failures_at ON console_sign_in_failures (failed_at);

-- The audit log names the console account that made a change.
ALTER TABLE audit_log ADD COLUMN actor_account_id VARCHAR(40);
