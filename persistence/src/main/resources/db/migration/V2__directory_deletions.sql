-- Users, trunks and rates deleted through the API (or erased): the configuration file must not seed
-- them again at the next start. Keys are kept only as an HMAC under the lookup key, so an erased
-- user's id is not stored here in plain text.
CREATE TABLE directory_deletions (
    kind       text        NOT NULL CHECK (kind IN ('user', 'trunk', 'rate')),
    key_hmac   bytea       NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key_hmac)
);
