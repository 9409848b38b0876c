package org.phoneprov.httpd;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.AsciiString;

/**
 * The methods that fetch a file. Phones POST to their config URLs (seed 2.5.3), so POST
 * answers exactly like GET and its body is ignored.
 */
enum RequestMethod {
    GET, HEAD, POST;

    /** The Allow header of a 405. */
    static final AsciiString ALLOW = AsciiString.cached("GET, HEAD, POST");

    /** @return the method, or null when it is not one we serve */
    static RequestMethod of(HttpMethod m) {
        if (HttpMethod.GET.equals(m)) {
            return GET;
        }
        if (HttpMethod.HEAD.equals(m)) {
            return HEAD;
        }
        return HttpMethod.POST.equals(m) ? POST : null;
    }

    boolean getOrHead() {
        return this != POST;
    }

    boolean sendsBody() {
        return this != HEAD;
    }
}
