-- SIPCall schema, version 1.
-- Columns holding phone numbers or secrets are encrypted by the application (AES-256-GCM, text of the
-- form v1:KEYID:BASE64); a *_hmac column holds the HMAC-SHA256 of the normalised number for lookups.

-- Users: Nextcloud user ids, their settings and limits.
CREATE TABLE users (
    id                   text PRIMARY KEY,
    display_name         text        NOT NULL DEFAULT '',
    role                 text        NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    default_country      char(2)     NOT NULL,
    caller_id            text,                          -- encrypted E.164
    max_concurrent_calls integer     NOT NULL CHECK (max_concurrent_calls >= 0),
    daily_spend_cap      numeric(14, 4) CHECK (daily_spend_cap >= 0),
    allowed_prefixes     text[]      NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- SIP digest credentials of the gateway side: HA1 only (RFC 7616 3.4.2), never a password.
CREATE TABLE sip_credentials (
    username   text PRIMARY KEY,
    user_id    text        NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    ha1_md5    text        NOT NULL,
    ha1_sha256 text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Registrar bindings of gateway-side users (RFC 3261 10.3), so they survive a restart.
CREATE TABLE registrations (
    user_id    text        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact    text        NOT NULL,
    expires_at timestamptz NOT NULL,
    call_id    text,
    cseq       bigint,
    source     text,
    PRIMARY KEY (user_id, contact)
);
CREATE INDEX registrations_expires_at ON registrations (expires_at);

-- SIP trunks; the digest password and caller ID are encrypted.
CREATE TABLE trunks (
    name                  text PRIMARY KEY,
    preset                text        NOT NULL,
    host                  text        NOT NULL,
    port                  integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    transport             text        NOT NULL,
    outbound_proxy        text,
    auth_mode             text        NOT NULL,
    auth_username         text        NOT NULL DEFAULT '',
    auth_password         text,                          -- encrypted
    registration_enabled  boolean     NOT NULL DEFAULT false,
    registration_expiry_s integer     NOT NULL DEFAULT 3600,
    number_format         text        NOT NULL,
    tech_prefix           text        NOT NULL DEFAULT '',
    caller_id             text,                          -- encrypted E.164
    priority              integer     NOT NULL DEFAULT 0,
    max_channels          integer     NOT NULL DEFAULT 0,
    max_calls_per_second  double precision NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

-- What trunks charge per destination prefix.
CREATE TABLE rates (
    prefix           text          NOT NULL,
    trunk            text          NOT NULL REFERENCES trunks (name) ON DELETE CASCADE,
    price_per_minute numeric(14, 6) NOT NULL CHECK (price_per_minute >= 0),
    currency         char(3)       NOT NULL,
    PRIMARY KEY (trunk, prefix)
);

-- Call records: one row per call, written once when the call has ended (idempotent by id).
CREATE TABLE calls (
    id               text PRIMARY KEY,
    user_id          text,                    -- no foreign key: records outlive (and are anonymised with) users
    direction        text        NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    transport        text,
    from_number      text,                    -- encrypted
    to_number        text,                    -- encrypted
    to_number_hmac   bytea,                   -- HMAC-SHA256 of the normalised number
    trunk            text,                    -- the trunk of the last attempt
    route            text,                    -- every trunk tried, in order, joined with '>'
    attempts         integer     NOT NULL DEFAULT 0,
    started_at       timestamptz NOT NULL,
    ringing_at       timestamptz,
    answered_at      timestamptz,
    ended_at         timestamptz NOT NULL,
    duration_ms      bigint      NOT NULL CHECK (duration_ms >= 0),
    talk_ms          bigint      NOT NULL DEFAULT 0 CHECK (talk_ms >= 0),
    billed_seconds   integer     NOT NULL DEFAULT 0,
    disposition      text        NOT NULL CHECK (disposition IN
                         ('ANSWERED', 'BUSY', 'NO_ANSWER', 'CANCELLED', 'FAILED', 'REFUSED')),
    sip_status       integer,
    sip_reason       text,
    hangup_cause     text        NOT NULL,
    hangup_side      text        NOT NULL CHECK (hangup_side IN ('CALLER', 'CALLEE', 'SYSTEM')),
    price_per_minute numeric(14, 6),
    cost             numeric(14, 6),
    currency         char(3),
    mos              real,
    jitter_ms        real,
    packet_loss_pct  real,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_user_started ON calls (user_id, started_at DESC);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_to_number_hmac ON calls (to_number_hmac);

-- The state timeline of each call. Details never hold phone numbers.
CREATE TABLE call_events (
    call_id text        NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    seq     integer     NOT NULL,
    at      timestamptz NOT NULL,
    type    text        NOT NULL,
    detail  jsonb       NOT NULL DEFAULT '{}',
    PRIMARY KEY (call_id, seq)
);

-- Who did what, when, from where.
CREATE TABLE audit_log (
    id     bigserial PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    actor  text        NOT NULL,             -- a user id, or 'system'
    source text        NOT NULL DEFAULT '',  -- the client address, or 'config', 'scheduler'
    action text        NOT NULL,             -- e.g. user.created, privacy.exported
    target text        NOT NULL DEFAULT '',  -- e.g. user:alice
    detail jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_target ON audit_log (target);
