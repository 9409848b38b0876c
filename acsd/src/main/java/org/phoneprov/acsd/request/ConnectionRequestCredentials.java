package org.phoneprov.acsd.request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.phoneprov.acsd.cwmp.ParameterValue;
import org.phoneprov.common.config.Device;

/**
 * The user and password the ACS calls a CPE's ConnectionRequestURL with (TR-069 Amendment 6,
 * 3.2.2: the CPE authenticates the ACS with ManagementServer.ConnectionRequestUsername/Password).
 * The ACS sets them with each account push, derived from the device's own inventory secret
 * ({@code http_password}): no second secret to keep, the same on every node of the suite, and
 * a changed {@code http_password} changes them too.
 */
public record ConnectionRequestCredentials(String user, String password) {
    private static final String LABEL = "phoneprov acsd connection request ";

    /** For a device with an {@code http_password}; empty without one (such a device is refused anyway). */
    public static Optional<ConnectionRequestCredentials> of(Device d) {
        Optional<Device.HttpCredentials> http = d.http();
        if (http.isEmpty() || http.get().password().isEmpty()) {
            return Optional.empty();
        }
        try {
            Mac h = Mac.getInstance("HmacSHA256");
            h.init(new SecretKeySpec(http.get().password().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = h.doFinal((LABEL + d.mac().hex()).getBytes(StandardCharsets.UTF_8));
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 24);
            return Optional.of(new ConnectionRequestCredentials(d.mac().hex(), password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** ManagementServer.ConnectionRequestUsername/Password under {@code root}, for the account push. */
    public List<ParameterValue> parameters(String root) {
        return List.of(ParameterValue.string(root + "ManagementServer.ConnectionRequestUsername", user),
                ParameterValue.string(root + "ManagementServer.ConnectionRequestPassword", password));
    }

    /** Never print the password. */
    @Override
    public String toString() {
        return "ConnectionRequestCredentials[user=" + user + ", password=***]";
    }
}
