-- httpd's Gigaset state, the columns of its two SQLite files: the redirect registrations
-- (redirect/RegistrationStore, gigaset-redirect.db) and the uses of activation codes
-- (activation/ActivationStore, gigaset-activation.db). Times are epoch ms, as there.
CREATE TABLE registration (
    mac        TEXT   PRIMARY KEY,  -- 12 upper-case hex digits
    check_part TEXT,                -- the MAC-ID's 4 characters; NULL when registered by bare MAC
    url        TEXT   NOT NULL,     -- where the phone is redirected
    provider   TEXT   NOT NULL,     -- the account that registered it
    profile    TEXT   NOT NULL,     -- the profile/provider name given in registerDevice
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE activation_use (
    code     TEXT   PRIMARY KEY,    -- provider id + code, the digest user; never the password
    mac      TEXT   NOT NULL,       -- the phone that used it first
    first_at BIGINT NOT NULL,
    last_at  BIGINT NOT NULL,
    uses     BIGINT NOT NULL
);
CREATE INDEX activation_use_mac ON activation_use (mac);
