package org.phoneprov.common.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * tftpd's settings beyond where it listens.
 *
 * @param maxBlksize      the largest block a client may negotiate (RFC 2348 allows 65464;
 *                        1468 fills an Ethernet frame without IP fragments)
 * @param timeoutMillis   the retransmission timeout when the client does not ask for one
 * @param retries         retransmissions of one window before a transfer is abandoned
 * @param maxWindow       the largest RFC 7440 windowsize granted
 * @param maxTransfers    transfers at once; more get ERROR 0 "server busy"
 * @param maxPerClient    transfers at once from one address
 * @param caseInsensitive a name that does not exist as written is looked up ignoring case
 * @param nameRules       how names as phones send them become names in the files root
 */
public record TftpdSettings(int maxBlksize, int timeoutMillis, int retries, int maxWindow, int maxTransfers,
                            int maxPerClient, boolean caseInsensitive, List<NameRule> nameRules) {

    public TftpdSettings {
        nameRules = List.copyOf(nameRules);
    }

    /** One rewrite of a requested name: every match of {@code pattern} becomes {@code replacement}. */
    public record NameRule(String name, Pattern pattern, String replacement) {
        public String apply(String in) {
            return pattern.matcher(in).replaceAll(replacement);
        }

        /** By pattern text: {@link Pattern} has no value equality, and a reload compares settings. */
        @Override
        public boolean equals(Object o) {
            return o instanceof NameRule r && r.name.equals(name) && r.pattern.pattern().equals(pattern.pattern())
                    && r.pattern.flags() == pattern.flags() && r.replacement.equals(replacement);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, pattern.pattern(), replacement);
        }
    }

    /**
     * The built-in rules, the default list: names as the APS seed writes them
     * ({@code C:\ip_phones\mgcp\st2030\v100.zz}, {@code .\ip_phones\...}, section 2.4.3)
     * become paths below the files root.
     */
    public static final List<NameRule> BUILT_IN = List.of(
            new NameRule("backslashes", Pattern.compile("\\\\"), "/"),
            new NameRule("drive_letter", Pattern.compile("^[A-Za-z]:/*"), ""),
            new NameRule("leading_dot_slash", Pattern.compile("^(\\./+)+"), ""),
            new NameRule("leading_slash", Pattern.compile("^/+"), ""));

    public static TftpdSettings defaults() {
        return new TftpdSettings(1468, 1000, 5, 64, 1000, 8, false, BUILT_IN);
    }

    /** The name a request is looked up under, after every rule in order. */
    public String mapName(String requested) {
        String s = requested;
        for (NameRule r : nameRules) {
            s = r.apply(s);
        }
        return s;
    }
}
