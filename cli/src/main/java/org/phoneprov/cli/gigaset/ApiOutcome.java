package org.phoneprov.cli.gigaset;

import org.phoneprov.httpd.redirect.RedirectRegistry;

/** How one API call ended, as {@code phoneprov gigaset} reports it. */
public sealed interface ApiOutcome {
    /** The method's {@code [boolean, string]} answer: exit 0 when true, 1 when false. */
    record Answered(RedirectRegistry.Result result) implements ApiOutcome {
    }

    /** An XML-RPC fault: exit 3. */
    record Faulted(int code, String message) implements ApiOutcome {
    }

    /**
     * No answer to the call (HTTP error, refused credentials, no connection, a body that is no
     * XML-RPC answer): exit 3, with what happened and what to do, each one line.
     */
    record Failed(String what, String todo) implements ApiOutcome {
    }
}
