package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.SERVER;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.ST2030S;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.ip;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.reply;
import static org.phoneprov.dhcpd.server.DhcpProcessorTest.request;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.DeviceClass;
import org.phoneprov.common.config.DhcpClassOptions;
import org.phoneprov.common.config.OptionSpec;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.yaml.Location;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;

/**
 * {@link DhcpOption#serverWritten()} is what dhcpd's replies really hold to: a class that
 * configures every code 1..254 (past the loader, which would refuse some) gets its value
 * into an OFFER, ACK and INFORM reply for every code except exactly that set, whose values
 * are the server's own or absent.
 */
class ServerWrittenOptionsTest {
    @TempDir
    Path dir;

    static byte[] mark(int code) {
        return new byte[] {(byte) 0xEE, (byte) code, 0x5A, (byte) 0xA5};
    }

    /** The config with the ST2030S class configuring every option code. */
    static SuiteConfig everyCodeConfigured(SuiteConfig c) {
        List<OptionSpec> all = new ArrayList<>();
        for (int code = 1; code <= 254; code++) {
            all.add(new OptionSpec(code, "hex", mark(code), new Location(Path.of("test.yaml"), 1, 1)));
        }
        Map<String, DeviceClass> classes = new LinkedHashMap<>(c.classes());
        DeviceClass k = classes.get("st2030s");
        DhcpClassOptions d = k.dhcp();
        classes.put(k.name(), new DeviceClass(k.name(), k.models(), k.vendor(), k.ouis(), k.vendorClass(), k.userClass(),
                k.inventory(), k.vars(), new DhcpClassOptions(d.provision(), d.vlan(), all, d.file(), d.sname(),
                d.leaseSeconds())));
        return new SuiteConfig(c.source(), c.identity(), c.paths(), c.vars(), c.models(), classes, c.devices(), c.gigaset(),
                c.store(), c.sections());
    }

    /** The codes whose configured value did not reach the reply. */
    static Set<Integer> notConfigurable(DhcpMessage reply) {
        Set<Integer> out = new TreeSet<>();
        for (int code = 1; code <= 254; code++) {
            Optional<byte[]> v = reply.options().get(code);
            if (v.isEmpty() || !Arrays.equals(mark(code), v.get())) {
                out.add(code);
            }
        }
        return out;
    }

    @Test
    void theServerWrittenSetIsWhatRepliesKeepFromTheAdmin() throws Exception {
        DhcpProcessor processor = DhcpProcessorTest.processor(everyCodeConfigured(DhcpProcessorTest.config(dir)));
        Set<Integer> expected = DhcpOption.serverWritten().stream().map(DhcpOption::code)
                .collect(Collectors.toCollection(TreeSet::new));
        // what a client sends that a server might echo or must not: 61, 82, 50, 55, 57
        DhcpOptions client = DhcpOptions.builder()
                .put(DhcpOption.CLIENT_ID.code(), new byte[] {1, 0, 0x14, 0x7F, 0x77, 0, 1})
                .put(DhcpOption.RELAY_AGENT_INFO.code(), new byte[] {1, 2, 'p', '1'})
                .put(DhcpOption.PARAMETER_LIST.code(), new byte[] {1, 3, 43, (byte) 190})
                .putShort(DhcpOption.MAX_MESSAGE_SIZE.code(), 1500).build();

        DhcpMessage offer = reply(processor.process(request(ST2030S, MessageType.DISCOVER, client.toBuilder())))
                .reply();
        assertEquals(expected, notConfigurable(offer), "OFFER");

        DhcpMessage ack = reply(processor.process(request(ST2030S, MessageType.REQUEST, client.toBuilder()
                .putIp(DhcpOption.SERVER_ID.code(), SERVER).putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.1.1")))))
                .reply();
        assertEquals(expected, notConfigurable(ack), "ACK");

        DhcpMessage inform = reply(processor.process(DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(ST2030S)
                .ciaddr(ip("10.77.1.1")).options(client.toBuilder()
                        .putByte(DhcpOption.MESSAGE_TYPE.code(), MessageType.INFORM.code()).build()).build())).reply();
        assertEquals(expected, notConfigurable(inform), "INFORM");
    }
}
