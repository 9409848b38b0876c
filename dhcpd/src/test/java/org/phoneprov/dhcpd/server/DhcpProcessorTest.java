package org.phoneprov.dhcpd.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.dhcpd.classify.Classifier;
import org.phoneprov.dhcpd.codec.DhcpMessage;
import org.phoneprov.dhcpd.codec.DhcpOptions;
import org.phoneprov.common.dhcp.MessageType;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.dhcpd.lease.Allocator;
import org.phoneprov.dhcpd.lease.LeaseState;
import org.phoneprov.dhcpd.lease.Pool;
import org.phoneprov.dhcpd.lease.SubnetPools;
import org.phoneprov.dhcpd.options.OptionAssembler;

/** The processor against RFC 2131 4.3 with a real config, allocator, classifier and assembler. */
class DhcpProcessorTest {
    static final int SERVER = ip("10.77.0.1");
    static final Mac ST2030S = Mac.parse("00:14:7F:77:00:01").orElseThrow();
    static final Mac OTHER = Mac.parse("02:00:00:00:00:01").orElseThrow();

    @TempDir
    Path dir;
    DhcpProcessor processor;

    static int ip(String s) {
        String[] p = s.split("\\.");
        return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8)
                | Integer.parseInt(p[3]);
    }

    @BeforeEach
    void setUp() throws Exception {
        processor = processor(config(dir));
    }

    /** The lab's two subnets, an ST2030S class (HTTP, VLAN) and an ST2022M class (TFTP). */
    static SuiteConfig config(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Path cfg = dir.resolve("phoneprov.yaml");
        Files.writeString(cfg, """
                suite: {address: 10.77.0.1}
                paths: {files: files, state: state}
                dhcpd:
                  interface: lab0
                  lease_time: 600
                  subnets:
                    - subnet: 10.77.0.0/16
                      pools: ["10.77.32.0-10.77.32.3"]
                      router: 10.77.0.1
                    - subnet: 10.88.0.0/24
                      pools: ["10.88.0.100-10.88.0.200"]
                classes:
                  st2030s:
                    match: {models: [ST2030S]}
                    dhcp: {provision: http, vlan: {enable: 1, voice: 100, data: 200}}
                  st2022m:
                    match: {models: [ST2022M]}
                    dhcp: {provision: tftp}
                devices:
                  - {mac: "00:14:7F:77:00:01", model: ST2030S, address: 10.77.1.1}
                """);
        return ConfigLoader.load(cfg).config().orElseThrow();
    }

    /** A processor for {@code c}, with an allocator over the pools of {@link #config}. */
    static DhcpProcessor processor(SuiteConfig c) {
        Allocator a = new Allocator(List.of(
                new SubnetPools("10.77.0.0/16", ip("10.77.0.0"), 16, List.of(new Pool(ip("10.77.32.0"), ip("10.77.32.3")))),
                new SubnetPools("10.88.0.0/24", ip("10.88.0.0"), 24, List.of(new Pool(ip("10.88.0.100"), ip("10.88.0.200"))))),
                Map.of(ST2030S, ip("10.77.1.1")), 30_000, 3_600_000,
                Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));
        return new DhcpProcessor(c, a, new Classifier(c), new OptionAssembler(c),
                new SubnetSelector(c.dhcp().subnets(), List.of(SERVER)), SERVER);
    }

    static DhcpMessage request(Mac mac, MessageType type, DhcpOptions.Builder o) {
        o.putByte(DhcpOption.MESSAGE_TYPE.code(), type.code());
        return DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(mac).xid(0x1234).options(o.build()).build();
    }

    static Outcome.Reply reply(Outcome o) {
        return assertInstanceOf(Outcome.Reply.class, o, o.toString());
    }

    @Test
    void discoverThenRequestGivesTheFixedAddressAndOption43ForAnSt2030s() {
        DhcpOptions.Builder d = DhcpOptions.builder()
                .put(DhcpOption.USER_CLASS.code(), "Thomson ST2030S".getBytes(StandardCharsets.US_ASCII))
                .put(DhcpOption.PARAMETER_LIST.code(), new byte[] {1, 3, 43, (byte) 190, (byte) 191, (byte) 192});
        Outcome.Reply offer = reply(processor.process(request(ST2030S, MessageType.DISCOVER, d)));
        assertEquals("OFFER", offer.result());
        assertEquals(ip("10.77.1.1"), offer.reply().yiaddr());
        assertEquals(ReplyRouting.BROADCAST, offer.destination().address());
        assertEquals(MessageType.OFFER, offer.reply().messageType().orElseThrow());
        assertEquals(SERVER, offer.reply().serverId().orElseThrow());
        assertArrayEquals("http://10.77.0.1/ST2030S.inf".getBytes(StandardCharsets.US_ASCII),
                offer.reply().options().get(43).orElseThrow(), "APS seed 2.5");
        assertArrayEquals(new byte[] {0, 100}, offer.reply().options().get(191).orElseThrow());

        DhcpOptions.Builder r = DhcpOptions.builder().putIp(DhcpOption.SERVER_ID.code(), SERVER)
                .putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.1.1"));
        Outcome.Reply ack = reply(processor.process(request(ST2030S, MessageType.REQUEST, r)));
        assertEquals("ACK", ack.result());
        assertEquals(ip("10.77.1.1"), ack.commitFirst().orElseThrow().address(), "the lease is committed before the ACK");
        assertEquals("st2030s", ack.commitFirst().get().clientClass());
        assertTrue(ack.reply().options().has(DhcpOption.LEASE_TIME.code()));
    }

    @Test
    void anSt2022mByOption60GetsTftpOptionsAndTheFileField() {
        DhcpOptions.Builder d = DhcpOptions.builder()
                .putString(DhcpOption.VENDOR_CLASS.code(), "0107Thomson0206ST20220304MGCP");
        Outcome.Reply offer = reply(processor.process(request(OTHER, MessageType.DISCOVER, d)));
        assertEquals(ip("10.77.32.0"), offer.reply().yiaddr());
        assertEquals("ST2022M.inf", offer.reply().fileString(), "seed 4.2");
        assertEquals(SERVER, offer.reply().siaddr());
        assertArrayEquals("ST2022M.inf".getBytes(StandardCharsets.US_ASCII), offer.reply().options().get(67).orElseThrow());
        assertArrayEquals(new byte[] {10, 77, 0, 1}, offer.reply().options().get(150).orElseThrow());
        assertFalse(offer.reply().options().has(43));
    }

    @Test
    void aRequestForAnAddressHeldByAnotherClientIsNakedAndAnotherServersOfferIsIgnored() {
        reply(processor.process(request(OTHER, MessageType.DISCOVER, DhcpOptions.builder())));
        reply(processor.process(request(OTHER, MessageType.REQUEST, DhcpOptions.builder()
                .putIp(DhcpOption.SERVER_ID.code(), SERVER).putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.32.0")))));
        Mac third = Mac.parse("02:00:00:00:00:03").orElseThrow();
        Outcome.Reply nak = reply(processor.process(request(third, MessageType.REQUEST, DhcpOptions.builder()
                .putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.32.0")))));
        assertEquals("NAK", nak.result());
        assertEquals(ReplyRouting.BROADCAST, nak.destination().address());
        assertInstanceOf(Outcome.Silent.class, processor.process(request(third, MessageType.REQUEST,
                DhcpOptions.builder().putIp(DhcpOption.SERVER_ID.code(), ip("10.77.0.9"))
                        .putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.32.1")))));
    }

    @Test
    void aRelayedDiscoverIsServedFromTheRelaysSubnetAndAnsweredToTheRelay() {
        byte[] agent = {1, 4, 'p', 'o', 'r', 't', 2, 3, 'r', 'i', 'd'};
        DhcpMessage relayed = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(OTHER).giaddr(ip("10.88.0.1"))
                .hops(1).options(DhcpOptions.builder().putByte(DhcpOption.MESSAGE_TYPE.code(), 1)
                        .put(DhcpOption.CLIENT_ID.code(), new byte[] {1, 2, 0, 0, 0, 0, 1})
                        .put(DhcpOption.RELAY_AGENT_INFO.code(), agent).build()).build();
        Outcome.Reply offer = reply(processor.process(relayed));
        assertArrayEquals(agent, offer.reply().options().get(DhcpOption.RELAY_AGENT_INFO.code()).orElseThrow(),
                "RFC 3046: option 82 echoed back");
        assertArrayEquals(new byte[] {1, 2, 0, 0, 0, 0, 1}, offer.reply().options().get(DhcpOption.CLIENT_ID.code())
                .orElseThrow(), "RFC 6842: option 61 echoed back");
        List<Integer> codes = List.copyOf(offer.reply().options().codes());
        assertEquals(DhcpOption.RELAY_AGENT_INFO.code(), codes.get(codes.size() - 1), "and last");
        assertEquals(ip("10.88.0.100"), offer.reply().yiaddr());
        assertEquals(new ReplyRouting.Destination(ip("10.88.0.1"), 67), offer.destination());
        assertEquals(ip("10.88.0.1"), offer.reply().giaddr());
    }

    @Test
    void informGetsOptionsWithoutLeaseToItsOwnAddress() {
        DhcpMessage inform = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(OTHER).ciaddr(ip("10.77.0.60"))
                .options(DhcpOptions.builder().putByte(DhcpOption.MESSAGE_TYPE.code(), 8).build()).build();
        Outcome.Reply ack = reply(processor.process(inform));
        assertEquals(0, ack.reply().yiaddr());
        assertEquals(ip("10.77.0.60"), ack.reply().ciaddr());
        assertFalse(ack.reply().options().has(DhcpOption.LEASE_TIME.code()), "RFC 2131 4.3.5");
        assertTrue(ack.commitFirst().isEmpty());
        assertEquals(new ReplyRouting.Destination(ip("10.77.0.60"), 68), ack.destination());
    }

    @Test
    void releaseAndDeclineAreCommittedWithoutReplyAndExhaustionIsSilent() {
        for (int i = 0; i < 4; i++) {
            Mac m = Mac.of(0x020000000100L + i);
            Outcome.Reply o = reply(processor.process(request(m, MessageType.DISCOVER, DhcpOptions.builder())));
            reply(processor.process(request(m, MessageType.REQUEST, DhcpOptions.builder()
                    .putIp(DhcpOption.SERVER_ID.code(), SERVER)
                    .putIp(DhcpOption.REQUESTED_IP.code(), o.reply().yiaddr()))));
        }
        Outcome full = processor.process(request(OTHER, MessageType.DISCOVER, DhcpOptions.builder()));
        assertTrue(((Outcome.Silent) full).reason().startsWith("pool exhausted"), full.toString());
        DhcpMessage release = DhcpMessage.builder().op(DhcpMessage.BOOTREQUEST).mac(Mac.of(0x020000000100L))
                .ciaddr(ip("10.77.32.0")).options(DhcpOptions.builder().putByte(DhcpOption.MESSAGE_TYPE.code(), 7)
                        .putIp(DhcpOption.SERVER_ID.code(), SERVER).build()).build();
        Outcome.CommitOnly released = assertInstanceOf(Outcome.CommitOnly.class, processor.process(release));
        assertEquals(LeaseState.RELEASED, released.lease().state());
        Outcome.Reply again = reply(processor.process(request(OTHER, MessageType.DISCOVER, DhcpOptions.builder())));
        assertEquals(ip("10.77.32.0"), again.reply().yiaddr(), "the released address is free again");
        DhcpMessage decline = request(Mac.of(0x020000000101L), MessageType.DECLINE, DhcpOptions.builder()
                .putIp(DhcpOption.SERVER_ID.code(), SERVER).putIp(DhcpOption.REQUESTED_IP.code(), ip("10.77.32.1")));
        Outcome.CommitOnly declined = assertInstanceOf(Outcome.CommitOnly.class, processor.process(decline));
        assertEquals(LeaseState.DECLINED, declined.lease().state());
        // .0 is offered to OTHER, .2 and .3 are leased, .1 is set aside: nothing left (RFC 2131 4.3.3).
        Outcome after = processor.process(request(Mac.of(0x0200000009FFL), MessageType.DISCOVER, DhcpOptions.builder()));
        assertTrue(((Outcome.Silent) after).reason().startsWith("pool exhausted"), after.toString());
    }
}
