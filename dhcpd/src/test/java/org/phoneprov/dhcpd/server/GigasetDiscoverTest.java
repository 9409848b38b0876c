package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.reply;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.request;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;

/**
 * Gigaset phones that are not in the inventory, as their DISCOVERs look on the wire,
 * through the real loader, classifier, assembler and processor: each gets option 114, the
 * profile folder (Gigaset wiki "DHCP option 114"; docs/vendor-formats.md 2.4, 4), and no INF.
 */
class GigasetDiscoverTest {
    /** A Gigaset PRO's option 55 as a DHCP client asks: mask, router, DNS, domain, NTP, 66, 114. */
    static final byte[] PRL = {1, 3, 6, 15, 42, 66, 114};
    static final String FOLDER = "http://10.77.0.1/gigaset";

    @TempDir
    Path dir;
    DhcpProcessor processor;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, """
                suite: {address: 10.77.0.1}
                paths: {files: files, state: state}
                httpd: {port: 80}
                dhcpd:
                  interface: lab0
                  subnets:
                    - subnet: 10.77.0.0/16
                      pools: ["10.77.32.0-10.77.32.3"]
                    - subnet: 10.88.0.0/24
                      pools: ["10.88.0.100-10.88.0.200"]
                classes:
                  gigaset:
                    match: {vendor: gigaset}
                    dhcp: {provision: http}
                  generic-phone:
                    dhcp:
                      options:
                        - {code: 66, type: string, value: "10.77.0.1"}
                """);
        processor = DhcpProcessorTest.processor(ConfigLoader.load(cfg).config().orElseThrow());
    }

    DhcpMessage offer(String mac, String option60) {
        DhcpOptions.Builder o = DhcpOptions.builder().put(DhcpOption.PARAMETER_LIST.code(), PRL);
        if (option60 != null) {
            o.put(DhcpOption.VENDOR_CLASS.code(), option60.getBytes(StandardCharsets.US_ASCII));
        }
        Outcome.Reply r = reply(processor.process(request(Mac.parse(mac).orElseThrow(), MessageType.DISCOVER, o)));
        assertEquals("OFFER", r.result());
        return r.reply();
    }

    static String text(DhcpMessage m, int code) {
        return m.options().get(code).map(b -> new String(b, StandardCharsets.US_ASCII)).orElse(null);
    }

    static void isGigasetOffer(DhcpMessage m) {
        assertEquals(FOLDER, text(m, 114));
        for (int code : new int[] {43, 66, 67, 150}) {
            assertFalse(m.options().get(code).isPresent(), "no INF or TFTP option " + code);
        }
        assertEquals(0, m.siaddr(), "no next-server");
    }

    @Test
    void anN510NamedByOption60() {
        isGigasetOffer(offer("02:51:00:00:00:01", "Gigaset_N510_IP_PRO"));
    }

    @Test
    void a7c2f80MacWithoutOption60() {
        isGigasetOffer(offer("7C:2F:80:4D:F9:A9", null));
    }

    @Test
    void a589ec6MacWithAClientsOwnOption60() {
        isGigasetOffer(offer("58:9E:C6:90:00:01", "udhcp 1.36.1"));
    }

    @Test
    void aNonGigasetGetsTheGenericClassAndNo114() {
        DhcpMessage m = offer("02:99:00:00:00:01", "udhcp 1.36.1");
        assertFalse(m.options().get(114).isPresent());
        assertEquals("10.77.0.1", text(m, 66));
    }
}
