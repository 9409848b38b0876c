package org.phoneprov.dhcpd.ha;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every HA message, request and answer, carries {@value #HEADER}: {@code v=1; node=NAME;
 * ts=MILLIS; mac=BASE64}, an HMAC-SHA256 (RFC 2104) with the pair's shared secret over the
 * version, the sender, its clock, what the message is (method and path, or the status code)
 * and the body. A node that has a different secret, or speaks another version, is refused and
 * told which; nothing it sent is used. The clock is in the MAC so a recorded message cannot
 * be replayed much later ({@link #MAX_AGE_MILLIS}).
 */
public final class HaAuth {
    public static final String HEADER = "X-Phoneprov-HA";
    public static final int VERSION = 1;
    /** Wide enough for clocks that drift apart (the state machine terminates past 60 s of skew). */
    static final long MAX_AGE_MILLIS = 10 * 60_000;
    private static final Pattern FORMAT = Pattern.compile(
            "v=(\\d{1,4}); node=([A-Za-z0-9._-]{1,63}); ts=(\\d{1,19}); mac=([A-Za-z0-9+/=]{44})");

    private final byte[] secret;

    public HaAuth(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value for a message {@code node} sends now. */
    public String sign(String node, long nowMillis, String what, byte[] body) {
        return "v=" + VERSION + "; node=" + node + "; ts=" + nowMillis + "; mac=" + mac(VERSION, node, nowMillis, what, body);
    }

    /** Who sent it, when, or why it is refused. */
    public sealed interface Verdict {
        record Good(String node, long clockMillis) implements Verdict {
        }

        record Refused(Reason reason, String detail) implements Verdict {
        }
    }

    public enum Reason { MISSING, MALFORMED, VERSION, WRONG_NODE, BAD_MAC, TOO_OLD }

    /**
     * @param expectedNode the only node that may send it here
     */
    public Verdict check(Optional<String> header, String expectedNode, long nowMillis, String what, byte[] body) {
        if (header.isEmpty()) {
            return new Verdict.Refused(Reason.MISSING, "no " + HEADER + " header");
        }
        Matcher m = FORMAT.matcher(header.get());
        if (!m.matches()) {
            return new Verdict.Refused(Reason.MALFORMED, HEADER + " is not v=N; node=NAME; ts=MILLIS; mac=BASE64");
        }
        int version = Integer.parseInt(m.group(1));
        if (version != VERSION) {
            return new Verdict.Refused(Reason.VERSION, "speaks HA protocol version " + version + "; this node speaks "
                    + VERSION + " (run the same phoneprov release on both nodes)");
        }
        String node = m.group(2);
        if (!node.equals(expectedNode)) {
            return new Verdict.Refused(Reason.WRONG_NODE, "says it is '" + node + "'; the partner is '" + expectedNode
                    + "'");
        }
        long ts;
        try {
            ts = Long.parseLong(m.group(3));
        } catch (NumberFormatException e) {
            return new Verdict.Refused(Reason.MALFORMED, "ts is not a number");
        }
        byte[] expected = Base64.getDecoder().decode(mac(version, node, ts, what, body));
        byte[] got;
        try {
            got = Base64.getDecoder().decode(m.group(4));
        } catch (IllegalArgumentException e) {
            return new Verdict.Refused(Reason.MALFORMED, "mac is not base64");
        }
        if (!MessageDigest.isEqual(expected, got)) {
            return new Verdict.Refused(Reason.BAD_MAC, "the HMAC does not match: the two nodes' secret_file differ");
        }
        if (Math.abs(nowMillis - ts) > MAX_AGE_MILLIS) {
            return new Verdict.Refused(Reason.TOO_OLD, "sent " + (nowMillis - ts) / 1000 + " s from now by this "
                    + "node's clock (a replay, or clocks far apart)");
        }
        return new Verdict.Good(node, ts);
    }

    private String mac(int version, String node, long ts, String what, byte[] body) {
        try {
            Mac h = Mac.getInstance("HmacSHA256");
            h.init(new SecretKeySpec(secret, "HmacSHA256"));
            h.update((version + "\n" + node + "\n" + ts + "\n" + what + "\n").getBytes(StandardCharsets.UTF_8));
            h.update(body);
            return Base64.getEncoder().encodeToString(h.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
