package org.phoneprov.acsd.session;

/**
 * What the ACS sends back on one POST of a session: an envelope (200), a SOAP Fault (500, as
 * SOAP 1.1 section 6.2 binds faults to HTTP), or 204 No Content, which ends the session when
 * the ACS has nothing more to ask (TR-069 Amendment 6, 3.4 and 3.7.2: an empty HTTP response
 * with status 204). {@code close}: close the connection after it is written.
 */
public record Reply(int status, byte[] body, boolean close) {
    static Reply envelope(byte[] body) {
        return new Reply(200, body, false);
    }

    static Reply fault(byte[] body, boolean close) {
        return new Reply(500, body, close);
    }

    static Reply done() {
        return new Reply(204, new byte[0], false);
    }

    public boolean endsSession() {
        return status == 204 || close;
    }
}
