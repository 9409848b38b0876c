package org.phoneprov.phonesim.fetch;

/**
 * How one fetch ended. Network trouble is a result, never an exception: the phone turns
 * it into an LCD message (seed 2.6).
 */
public sealed interface FetchResult {
    /** The file. */
    record Ok(byte[] body) implements FetchResult {
    }

    /** HTTP 404, TFTP ERROR 1 (or another "no such file" answer). */
    record NotFound(String detail) implements FetchResult {
    }

    /** No answer, connection refused, timeout: "Server Unreachable" (seed 2.6). */
    record Unreachable(String detail) implements FetchResult {
    }

    /** Anything else the server answered (HTTP 403/500, TFTP ERROR 2, a broken transfer). */
    record Failed(String detail) implements FetchResult {
    }
}
