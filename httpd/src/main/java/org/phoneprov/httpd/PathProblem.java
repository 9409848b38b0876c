package org.phoneprov.httpd;

/**
 * Why a request-target was refused before the resolver saw it. A target the server cannot
 * parse is answered 400; a parsed target that asks for something it must never get is
 * answered with the same 404 as an absent file, so a prober learns nothing.
 */
enum PathProblem {
    /** A '%' not followed by two hex digits. */
    BAD_ESCAPE("bad-escape", 400),
    /** Neither origin-form ("/x") nor absolute-form ("http://host/x"). */
    BAD_TARGET("bad-target", 400),
    /** Decoded bytes are not well-formed UTF-8 (overlong forms such as %c0%ae included). */
    BAD_UTF8("bad-utf8", 404),
    /** NUL or another control character. */
    CONTROL("control", 404),
    BACKSLASH("backslash", 404),
    /** A segment starting with a drive letter, "C:". */
    DRIVE("drive-letter", 404),
    /** A ".." segment. */
    TRAVERSAL("traversal", 404);

    private final String word;
    private final int status;

    PathProblem(String word, int status) {
        this.word = word;
        this.status = status;
    }

    /** The stable word logged as {@code reason=}. */
    String word() {
        return word;
    }

    int status() {
        return status;
    }
}
