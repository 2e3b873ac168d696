-- The audit log: every change made by hand to configuration or to a user's state, append-only
-- (no statement of Ludus updates or deletes a row). seq orders it; tenant_id and application_id
-- are empty for server-wide changes (a signing key rotation).
CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at     BIGINT        NOT NULL,
    tenant_id       VARCHAR(40),
    application_id  VARCHAR(40),
    actor_kind      VARCHAR(16)   NOT NULL,
    actor_application_id VARCHAR(40),
    actor_subject   VARCHAR(256),
    auth_method     VARCHAR(16),
    address         VARCHAR(64),
    action          VARCHAR(64)   NOT NULL,
    target_kind     VARCHAR(32)   NOT NULL,
    target_id       VARCHAR(256)  NOT NULL,
    summary         VARCHAR(1000) NOT NULL
);

CREATE INDEX audit_log_application ON audit_log (application_id, seq);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, seq);
