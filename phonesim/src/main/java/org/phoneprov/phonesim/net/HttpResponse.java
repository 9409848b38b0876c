package org.phoneprov.phonesim.net;

/**
 * One HTTP response as the phone saw it: the status and the whole body.
 *
 * @param keepAlive whether the connection may carry the next request: the server did
 *                  not say {@code Connection: close} and the body had a known end
 */
record HttpResponse(int status, String reason, byte[] body, boolean keepAlive) {
}
