-- The event history (common events/Event), shared by every node: one row per event, never
-- updated. The file log's fields, plus the node that recorded it. Read newest-first by phone, by
-- daemon or by time (phoneprov events, the API), hence the three indexes; each ends with id, the
-- order rows were written in, so equal times keep their order. Old rows are deleted by time.
CREATE TABLE event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,  -- when it happened (ms precision, as the file log)
    node        TEXT        NOT NULL,  -- the host name of the node that recorded it
    daemon      TEXT        NOT NULL,  -- httpd, tftpd, dhcpd, sipd
    action      TEXT        NOT NULL,  -- GET, RRQ, ACK, NOTIFY, ...
    mac         TEXT,                  -- 12 upper-case hex digits; NULL: no device known
    file        TEXT        NOT NULL,
    result      TEXT        NOT NULL,  -- a status code or a stable word
    bytes       BIGINT      NOT NULL,
    micros      BIGINT      NOT NULL,
    client      INET,                  -- the client's address; NULL: none
    client_port INTEGER     NOT NULL   -- 0 without a client
);
CREATE INDEX event_at ON event (at, id);
CREATE INDEX event_mac_at ON event (mac, at, id) WHERE mac IS NOT NULL;
CREATE INDEX event_daemon_at ON event (daemon, at, id);
