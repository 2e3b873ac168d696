-- Legacy ECDSA request signing (spec 003): the Ethereum-style secp256k1 keys an application
-- registered (by address: 40 lower-case hex digits, no 0x), the nonces seen within the 5-minute
-- window (durable and shared by every node), and when ECDSA was last used.

CREATE TABLE ecdsa_keys (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    address         VARCHAR(40)  NOT NULL,
    scopes          VARCHAR(200) NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, address)
);

CREATE TABLE ecdsa_nonces (
    application_id  VARCHAR(40)  NOT NULL,
    nonce           VARCHAR(128) NOT NULL,
    expires_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, nonce)
);

CREATE INDEX ecdsa_nonces_expiry ON ecdsa_nonces (expires_at);

ALTER TABLE applications ADD COLUMN ecdsa_last_used_at BIGINT;
