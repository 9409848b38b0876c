package org.phoneprov.tftpd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.config.TftpdSettings;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.tftpd.packet.ErrorCode;
import org.phoneprov.tftpd.packet.Opcode;
import org.phoneprov.tftpd.packet.TftpPacket;
import org.phoneprov.tftpd.transfer.Limits;
import org.phoneprov.tftpd.transfer.Negotiated;
import org.phoneprov.tftpd.transfer.ReadTransfer;
import org.slf4j.event.Level;

/** The RRQ decision called directly with built requests: no channel, no socket. */
class RequestProcessorTest {
    static final InetSocketAddress PHONE = new InetSocketAddress("10.77.0.100", 2070);
    private static final InetSocketAddress OTHER_PHONE = new InetSocketAddress("10.77.0.101", 2070);
    private static final Mac MAC = Mac.parse("00:14:7F:E1:47:B3").orElseThrow();
    private static final String INF = "ST2030S_00147fe147b3.inf";
    private static final long NOW = 5_000_000_000L;

    private final FakeFiles files = new FakeFiles().serve(FakeFiles.generated(INF, "x".repeat(1000), Optional.of(MAC)));
    private TransferLimits limits = new TransferLimits(10, 2);
    private TftpdSettings settings = TftpdSettings.defaults();

    private RequestProcessor processor() {
        return new RequestProcessor(settings, () -> files, new FileCache(1 << 20), limits, Limits.defaults());
    }

    static TftpPacket.Request rrq(String name, String mode, String... options) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return new TftpPacket.Request(Opcode.RRQ, name, mode, o);
    }

    private RequestOutcome.Start start(TftpPacket.Request r, InetSocketAddress from) {
        return assertInstanceOf(RequestOutcome.Start.class, processor().process(r, from, NOW));
    }

    private RequestOutcome.Refuse refused(TftpPacket packet) {
        return assertInstanceOf(RequestOutcome.Refuse.class, processor().process(packet, PHONE, NOW));
    }

    private static byte[] payload(TftpPacket p) {
        TftpPacket.Data d = assertInstanceOf(TftpPacket.Data.class, p);
        return Arrays.copyOfRange(d.data(), d.offset(), d.offset() + d.length());
    }

    @Test
    void aPlainRrqStartsWithDataOneAndHoldsASlot() {
        RequestOutcome.Start s = start(rrq(INF, "octet"), PHONE);
        assertEquals(PHONE, s.client());
        assertEquals(INF, s.name());
        assertEquals(Optional.of(MAC), s.device());
        assertEquals(Negotiated.plain(1000), s.negotiated());
        assertEquals(NOW, s.startNanos());
        assertEquals(2, s.transfer().blocksTotal());
        List<TftpPacket> first = s.transfer().start(NOW);
        assertEquals(1, first.size());
        assertEquals(1, ((TftpPacket.Data) first.get(0)).block());
        assertEquals(512, payload(first.get(0)).length);
        assertEquals(1, limits.running());
    }

    @Test
    void namesGoThroughTheNameRulesBeforeTheLookup() {
        files.serve(FakeFiles.generated("ip_phones/mgcp/st2030/v100.zz", "fw", Optional.empty()));
        RequestOutcome.Start s = start(rrq("C:\\ip_phones\\mgcp\\st2030\\v100.zz", "octet"), PHONE);
        assertEquals("ip_phones/mgcp/st2030/v100.zz", s.name());
        assertEquals(List.of("TFTP ip_phones/mgcp/st2030/v100.zz"), files.asked);
    }

    @Test
    void caseInsensitiveSettingLooksUpIgnoringCase() {
        settings = new TftpdSettings(1468, 1000, 5, 64, 1000, 8, true, TftpdSettings.BUILT_IN);
        RequestOutcome.Start s = start(rrq(INF.toUpperCase(java.util.Locale.ROOT), "octet"), PHONE);
        assertEquals(INF, s.name());
        assertEquals(List.of("TFTP ignoring case " + INF.toUpperCase(java.util.Locale.ROOT)), files.asked);
    }

    @Test
    void optionsAreNegotiatedWithinTheLimitsAndTheTransferStartsWithTheOack() {
        RequestOutcome.Start s = start(rrq(INF, "octet", "blksize", "65464", "tsize", "0", "windowsize", "1000",
                "multicast", ""), PHONE);
        Negotiated n = s.negotiated();
        assertEquals(1468, n.blksize());
        assertEquals(64, n.windowsize());
        assertEquals(Map.of("blksize", "1468", "tsize", "1000", "windowsize", "64"), n.oack());
        assertEquals(List.of(new TftpPacket.OptionAck(n.oack())), s.transfer().start(NOW));
    }

    @Test
    void netasciiServesTheConvertedBytesAndTsizeCountsThem() {
        files.serve(FakeFiles.generated("notes.txt", "a\nb\rc", Optional.empty()));
        RequestOutcome.Start s = start(rrq("notes.txt", "netascii", "tsize", "0"), PHONE);
        assertEquals("7", s.negotiated().oack().get("tsize"));
        s.transfer().start(NOW);
        assertEquals("a\r\nb\r\0c", new String(payload(s.transfer().onAck(0, NOW).get(0)),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void aFileOfNoDeviceNamesThePhoneAtTheClientsAddress() {
        files.serve(FakeFiles.generated("common.txt", "c", Optional.empty())).device(PHONE.getAddress(), MAC);
        assertEquals(Optional.of(MAC), start(rrq("common.txt", "octet"), PHONE).device());
        assertEquals(Optional.empty(), start(rrq("common.txt", "octet"), OTHER_PHONE).device());
    }

    @Test
    void aMissingFileIsError1WithoutANoteOrASlot() {
        RequestOutcome.Refuse r = refused(rrq("nothing.here", "octet"));
        assertEquals(new RequestOutcome.Refuse(Refusal.NOT_FOUND, ErrorCode.FILE_NOT_FOUND, "file not found", "RRQ", "nothing.here",
                Optional.empty()), r);
        assertEquals(0, limits.running());
    }

    @Test
    void aRejectedNameIsAnAccessViolationAndNoted() {
        files.reject("../etc/passwd", "traversal");
        RequestOutcome.Refuse r = refused(rrq("../etc/passwd", "octet"));
        assertEquals(Refusal.REJECTED_NAME, r.why());
        assertEquals(ErrorCode.ACCESS_VIOLATION, r.code());
        assertEquals("access violation", r.message());
        assertEquals(Optional.of(new RequestOutcome.Note(Level.INFO, "tftpd.reject",
                "reason=traversal client=" + PHONE + " name=\"../etc/passwd\"")), r.note());
        assertEquals(0, limits.running());
    }

    @Test
    void clientBytesArePrintableInTheEventNameAndTheNote() {
        String name = "a\u0001\"b\u00ff";
        files.reject(name, "control character");
        RequestOutcome.Refuse r = refused(rrq(name, "octet"));
        assertEquals("a??b?", r.name());
        assertTrue(r.note().orElseThrow().detail().endsWith(" name=\"a??b?\""), r.note().toString());
        assertEquals(200, RequestProcessor.printable("x".repeat(300)).length());
    }

    @Test
    void aWriteIsRefusedBeforeAnyLookup() {
        RequestOutcome.Refuse r = refused(new TftpPacket.Request(Opcode.WRQ, INF, "octet", Map.of()));
        assertEquals(new RequestOutcome.Refuse(Refusal.WRITE, ErrorCode.ACCESS_VIOLATION, "writes are not accepted here", "WRQ",
                INF, Optional.empty()), r);
        assertEquals(List.of(), files.asked);
    }

    @Test
    void packetsOfNoTransferAreDropped() {
        for (TftpPacket p : List.of(new TftpPacket.Ack(1), new TftpPacket.Data(1, new byte[4], 0, 4),
                new TftpPacket.Error(ErrorCode.NOT_DEFINED, "x"), new TftpPacket.OptionAck(Map.of()))) {
            assertInstanceOf(RequestOutcome.Drop.class, processor().process(p, PHONE, NOW), p.toString());
        }
        assertEquals(List.of(), files.asked);
    }

    @Test
    void aFullServerIsBusyUntilATransferEnds() {
        limits = new TransferLimits(1, 1);
        RequestProcessor p = processor();
        RequestOutcome.Start first = assertInstanceOf(RequestOutcome.Start.class, p.process(rrq(INF, "octet"), PHONE, NOW));
        RequestOutcome.Refuse busy = assertInstanceOf(RequestOutcome.Refuse.class,
                p.process(rrq(INF, "octet"), OTHER_PHONE, NOW));
        assertEquals(new RequestOutcome.Refuse(Refusal.SERVER_FULL, ErrorCode.NOT_DEFINED,
                "server busy, try again later", "RRQ", INF, Optional.of(new RequestOutcome.Note(Level.WARN,
                "tftpd.busy", "limit=server_full client=" + OTHER_PHONE))), busy);
        p.ended(first);
        assertEquals(0, limits.running());
        assertInstanceOf(RequestOutcome.Start.class, p.process(rrq(INF, "octet"), OTHER_PHONE, NOW));
    }

    @Test
    void oneClientGetsItsShareOnly() {
        limits = new TransferLimits(10, 1);
        RequestProcessor p = processor();
        assertInstanceOf(RequestOutcome.Start.class, p.process(rrq(INF, "octet"), PHONE, NOW));
        RequestOutcome.Refuse busy = assertInstanceOf(RequestOutcome.Refuse.class, p.process(rrq(INF, "octet"), PHONE, NOW));
        assertEquals("limit=client_full client=" + PHONE, busy.note().orElseThrow().detail());
        assertEquals(Refusal.CLIENT_FULL, busy.why());
        assertInstanceOf(RequestOutcome.Start.class, p.process(rrq(INF, "octet"), OTHER_PHONE, NOW));
    }

    @Test
    void anUnreadableFileIsError0AndGivesItsSlotBack() {
        files.serve(FakeFiles.unreadable("v100.zz"));
        RequestOutcome.Refuse r = refused(rrq("v100.zz", "octet"));
        assertEquals(Refusal.READ_FAILED, r.why());
        assertEquals(ErrorCode.NOT_DEFINED, r.code());
        assertEquals("cannot read the file", r.message());
        RequestOutcome.Note note = r.note().orElseThrow();
        assertEquals("tftpd.read_failed", note.event());
        assertTrue(note.detail().startsWith("file=\"v100.zz\" error=\""), note.detail());
        assertEquals(0, limits.running());
    }

    @Test
    void theResultSaysHowTheTransferEnded() {
        limits = new TransferLimits(10, 10);
        files.serve(FakeFiles.generated("small", "", Optional.empty()));
        RequestOutcome.Start done = start(rrq("small", "octet"), PHONE);
        done.transfer().start(NOW);
        done.transfer().onAck(1, NOW);
        assertEquals(ReadTransfer.State.DONE, done.transfer().state());
        assertEquals("ok blksize=512 window=1", done.result());

        RequestOutcome.Start refused = start(rrq(INF, "octet", "blksize", "1024"), PHONE);
        refused.transfer().start(NOW);
        refused.transfer().onError(ErrorCode.OPTION_REFUSED, "no");
        assertEquals("failed:client_sent_ERROR_8:_no blksize=1024 window=1", refused.result());

        assertEquals("failed:abandoned blksize=512 window=1", start(rrq(INF, "octet"), PHONE).result());
    }
}
