package org.phoneprov.common.events;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.phoneprov.common.mac.Mac;

/**
 * One step of a phone's provisioning as the suite saw it: which device fetched what,
 * when, from where, and how it ended. What an admin reads to find where a phone stopped.
 *
 * @param daemon   {@code httpd}, {@code tftpd}, ...
 * @param action   what happened, a stable word: {@code GET}, {@code POST}, {@code RRQ}, ...
 * @param result   a status code or a stable word ({@code 200}, {@code 404}, {@code ok}, {@code timeout})
 */
public record Event(Instant time, String daemon, String action, Optional<Mac> device, String file,
                    String result, long bytes, long micros, Optional<InetSocketAddress> client) {
}
