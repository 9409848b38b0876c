package org.phoneprov.phonesim.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.dhcp.MessageType;

class DhcpClientTest {
    static final DhcpTiming TIMING = DhcpTiming.fixed(3, Duration.ofMillis(5), 2);
    final AtomicInteger xids = new AtomicInteger(100);

    DhcpResult obtain(FakeDhcpServer server, boolean vlan) {
        return new DhcpClient(server, xids::incrementAndGet, System::nanoTime)
                .obtain(DhcpMessagesTest.S30, vlan, TIMING);
    }

    @Test
    void offerThenAck() {
        FakeDhcpServer s = FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.of(new int[] {1, 100, 200}));
        DhcpResult r = obtain(s, true);
        assertEquals(DhcpResult.Outcome.LEASED, r.outcome());
        DhcpLease l = r.lease().orElseThrow();
        assertEquals(FakeDhcpServer.PHONE, l.address());
        assertEquals(FakeDhcpServer.SERVER, l.serverId());
        assertEquals(Optional.of("http://10.77.0.1/ST2030S.inf"), l.inf43());
        assertEquals(Optional.of(new org.phoneprov.phonesim.phone.Vlan(1, 100, 200)), l.vlan());
        assertEquals(2, r.sent());
        assertEquals(List.of(MessageType.DISCOVER.code(), MessageType.REQUEST.code()),
                s.requests.stream().map(q -> q.type()).toList());
        assertEquals(s.requests.get(0).xid(), s.requests.get(1).xid(), "REQUEST keeps the OFFER's xid");
        assertEquals(Optional.of(FakeDhcpServer.PHONE), s.requests.get(1).requested());
        assertEquals(Optional.of(FakeDhcpServer.SERVER), s.requests.get(1).serverId());
    }

    @Test
    void noVlanOptionsUnlessAskedFor() {
        FakeDhcpServer s = FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.of(new int[] {1, 100, 200}));
        assertEquals(Optional.empty(), obtain(s, false).lease().orElseThrow().vlan());
    }

    @Test
    void tftpClassLease() {
        DhcpLease l = obtain(FakeDhcpServer.tftp("ST2030M.inf"), false).lease().orElseThrow();
        assertEquals(List.of(FakeDhcpServer.SERVER), l.tftp150());
        assertEquals(Optional.of("10.77.0.1"), l.tftp66());
        assertEquals(Optional.of("ST2030M.inf"), l.inf67());
        assertEquals(Optional.of("ST2030M.inf"), l.file());
        assertEquals(Optional.of(FakeDhcpServer.SERVER), l.nextServer());
    }

    @Test
    void silenceIsNoOfferAfterEveryRetransmission() {
        FakeDhcpServer s = new FakeDhcpServer(r -> Optional.empty());
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.NO_OFFER, r.outcome());
        assertEquals(3, s.requests.size());
        assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(5), Duration.ofMillis(5)), s.waits);
    }

    @Test
    void aLostDiscoverIsRetransmitted() {
        AtomicInteger n = new AtomicInteger();
        FakeDhcpServer s = new FakeDhcpServer(r -> n.incrementAndGet() == 1 ? Optional.empty()
                : Optional.of(FakeDhcpServer.reply(r, Optional.empty()).build()));
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.LEASED, r.outcome());
        assertEquals(3, r.sent());
    }

    @Test
    void aNakStartsOverWithANewXid() {
        AtomicInteger requests = new AtomicInteger();
        FakeDhcpServer s = new FakeDhcpServer(r -> {
            if (r.type() == MessageType.REQUEST.code() && requests.incrementAndGet() == 1) {
                return Optional.of(new ReplyBuilder(MessageType.NAK, r.xid(), r.mac())
                        .option(DhcpOption.SERVER_ID, FakeDhcpServer.SERVER).build());
            }
            return Optional.of(FakeDhcpServer.reply(r, Optional.empty()).build());
        });
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.LEASED, r.outcome());
        assertEquals(1, r.naks());
        assertEquals(4, s.requests.size());
        assertNotEquals(s.requests.get(0).xid(), s.requests.get(2).xid());
    }

    @Test
    void naksUntilTheRestartsRunOut() {
        FakeDhcpServer s = new FakeDhcpServer(r -> Optional.of(r.type() == MessageType.DISCOVER.code()
                ? FakeDhcpServer.reply(r, Optional.empty()).build()
                : new ReplyBuilder(MessageType.NAK, r.xid(), r.mac()).build()));
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.TOO_MANY_NAKS, r.outcome());
        assertEquals(3, r.naks(), "the first try and 2 restarts");
    }

    @Test
    void anUnansweredRequestIsNoAck() {
        FakeDhcpServer s = new FakeDhcpServer(r -> r.type() == MessageType.DISCOVER.code()
                ? Optional.of(FakeDhcpServer.reply(r, Optional.empty()).build()) : Optional.empty());
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.NO_ACK, r.outcome());
        assertEquals(3 * (1 + 3), r.sent(), "3 rounds of one DISCOVER and 3 REQUESTs");
    }

    @Test
    void malformedAndForeignRepliesAreIgnored() {
        AtomicInteger n = new AtomicInteger();
        FakeDhcpServer s = new FakeDhcpServer(r -> switch (n.incrementAndGet()) {
            case 1 -> Optional.of(new byte[10]);
            case 2 -> Optional.of(new ReplyBuilder(MessageType.OFFER, r.xid(),
                    org.phoneprov.common.mac.Mac.of(1L)).yiaddr(FakeDhcpServer.PHONE)
                    .option(DhcpOption.SERVER_ID, FakeDhcpServer.SERVER).build());
            default -> Optional.of(FakeDhcpServer.reply(r, Optional.empty()).build());
        });
        DhcpResult r = obtain(s, false);
        assertEquals(DhcpResult.Outcome.LEASED, r.outcome());
        assertEquals(2, r.ignored());
        assertTrue(r.detail().contains("10.77.0.100"));
    }

    @Test
    void anOfferWithoutServerIdIsNotUsable() {
        FakeDhcpServer s = new FakeDhcpServer(r -> Optional.of(new ReplyBuilder(MessageType.OFFER, r.xid(), r.mac())
                .yiaddr(FakeDhcpServer.PHONE).build()));
        assertEquals(DhcpResult.Outcome.NO_OFFER, obtain(s, false).outcome());
    }
}
