-- dhcpd's leases, the columns of its SQLite lease table (dhcpd lease/LeaseDb): one row per
-- address, a commit replaces the row. Applied by `phoneprov db migrate`, never by a daemon.
CREATE TABLE lease (
    address      BIGINT PRIMARY KEY,   -- unsigned IPv4, so ORDER BY address reads naturally
    mac          TEXT   NOT NULL,      -- 12 upper-case hex digits
    client_class TEXT   NOT NULL,
    expires_at   BIGINT NOT NULL,      -- epoch ms
    state        TEXT   NOT NULL,      -- LeaseState name
    updated_at   BIGINT NOT NULL       -- epoch ms
);
