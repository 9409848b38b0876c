package org.phoneprov.phonesim.net;

import java.util.List;
import java.util.Map;

/**
 * One HTTP response as the phone saw it: the status, the header fields and the whole body.
 *
 * @param headers   every field by its lower-case name, values in the order received
 * @param keepAlive whether the connection may carry the next request: the server did
 *                  not say {@code Connection: close} and the body had a known end
 */
record HttpResponse(int status, String reason, Map<String, List<String>> headers, byte[] body, boolean keepAlive) {
    HttpResponse {
        headers = Map.copyOf(headers);
    }
}
