package org.phoneprov.phonesim.cwmp;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.phoneprov.phonesim.net.HttpFetch;
import org.phoneprov.phonesim.net.HttpReply;

/**
 * Carries out a Download (TR-069 Amendment 6, A.3.2.8) after the session: an HTTP GET of the
 * URL, authenticated with the request's Username/Password when challenged ("The digest
 * authentication must be used for file transfer. HTTP digest / md5 is supported", Gigaset
 * seed, "File Transfers"; Basic is answered too), the body's length checked against FileSize.
 * The outcome is a TransferComplete FaultStruct (A.5.1): 0, or 9012 (the server refused the
 * credentials), 9015 (unreachable), 9016 (no such file), 9018 (size differs), 9010 otherwise.
 */
final class Downloader {
    private Downloader() {
    }

    static CwmpSession.Transfer fetch(HttpFetch http, CpeRequest.Download d, Clock clock) {
        String start = now(clock);
        URI uri;
        try {
            uri = URI.create(d.url());
        } catch (IllegalArgumentException e) {
            return done(d, CwmpFault.DOWNLOAD_FAILURE, "bad URL: " + d.url(), start, clock);
        }
        AcsAuth auth = new AcsAuth(d.username(), d.password());
        boolean answered = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, String> h = new LinkedHashMap<>();
            auth.authorization("GET", HttpFetch.requestTarget(uri)).ifPresent(a -> h.put("Authorization", a));
            HttpReply r = http.exchange("GET", uri, h, new byte[0]);
            if (r instanceof HttpReply.NoAnswer n) {
                return done(d, CwmpFault.CANNOT_CONTACT_SERVER, CwmpFault.standardText(CwmpFault.CANNOT_CONTACT_SERVER)
                        + ": " + n.failure(), start, clock);
            }
            HttpReply.Answered a = (HttpReply.Answered) r;
            if (a.status() == 401) {
                if (auth.challenged(a.all("www-authenticate"), answered) == AcsAuth.Challenge.GIVE_UP) {
                    return done(d, CwmpFault.TRANSFER_AUTH_FAILURE,
                            CwmpFault.standardText(CwmpFault.TRANSFER_AUTH_FAILURE), start, clock);
                }
                answered = true;
                continue;
            }
            if (a.status() == 404) {
                return done(d, CwmpFault.CANNOT_ACCESS_FILE, CwmpFault.standardText(CwmpFault.CANNOT_ACCESS_FILE)
                        + ": HTTP 404", start, clock);
            }
            if (a.status() != 200) {
                return done(d, CwmpFault.DOWNLOAD_FAILURE, "HTTP " + a.status(), start, clock);
            }
            if (d.fileSize() > 0 && a.body().length != d.fileSize()) {
                return done(d, CwmpFault.FILE_CORRUPTED, "FileSize " + d.fileSize() + ", got " + a.body().length
                        + " bytes", start, clock);
            }
            return done(d, 0, "", start, clock);
        }
        return done(d, CwmpFault.TRANSFER_AUTH_FAILURE, CwmpFault.standardText(CwmpFault.TRANSFER_AUTH_FAILURE),
                start, clock);
    }

    private static CwmpSession.Transfer done(CpeRequest.Download d, int code, String why, String start, Clock clock) {
        return new CwmpSession.Transfer(d.commandKey(), code, why, start, now(clock));
    }

    static String now(Clock clock) {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
