-- acsd's state, the rows of its SQLite file acs.db (acsd/session/AcsRows): one row per task
-- (kind 'task', name its id), per device's last Inform (kind 'device') and per parameter value
-- seen (kind 'param', name the parameter); a task's and a device's value is its CWMP XML.
CREATE TABLE acs (
    kind  TEXT NOT NULL,   -- task, device, param
    mac   TEXT NOT NULL,   -- 12 upper-case hex digits
    name  TEXT NOT NULL,   -- a task's id, '' for a device, a parameter's name
    value TEXT NOT NULL,
    PRIMARY KEY (kind, mac, name)
);
