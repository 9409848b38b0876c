package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneState;

/** The download order and "only when the name changed" rules of seed 2.4.1, 2.4.2, 2.5.1, 2.5.2. */
class ProvisioningRunTest {
    static final PhoneIdentity S30 = new PhoneIdentity(Mac.parse("00147F770001").orElseThrow(), Model.ST2030S);
    static final PhoneIdentity M30 = new PhoneIdentity(Mac.parse("00147F770101").orElseThrow(), Model.ST2030M);
    static final PhoneIdentity S22 = new PhoneIdentity(Mac.parse("00147F770201").orElseThrow(), Model.ST2022S);
    static final PhoneIdentity M22 = new PhoneIdentity(Mac.parse("00147F770301").orElseThrow(), Model.ST2022M);
    static final String KEY = "Th0mson2$8s8@9z!";

    final SampleServer server = SampleServer.lab();
    final Recorder sleeper = new Recorder();

    RunResult http(PhoneIdentity id, PhoneState state) {
        InfPlan plan = InfSearch.plan(id, Preconfigured.NOTHING,
                Optional.of(Leases.http("http://10.77.0.1/" + id.model().name() + ".inf")));
        return new ProvisioningRun(id, server, RetryPolicy.SEED, sleeper).run(plan, state, KEY);
    }

    RunResult tftp(PhoneIdentity id, PhoneState state) {
        InfPlan plan = InfSearch.plan(id, Preconfigured.NOTHING, Optional.of(Leases.tftp(id.model().name() + ".inf")));
        return new ProvisioningRun(id, server, RetryPolicy.SEED, sleeper).run(plan, state, KEY);
    }

    // --- seed 2.5.1: SIP over HTTP ------------------------------------------------------------

    @Test
    void st2030sOverHttpFollowsTheSeedOrder() {
        RunResult r = http(S30, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals(List.of(
                "GET /ST2030S.inf",                               // step 1
                "GET /st2030/v2030SG.R11.1.090213.2.67.1.zz",     // 2 firmware
                "GET /st2030/ringtone_033006.txt",                // 3 melody
                "GET /st2030/ringtone_040406.txt",                // 4 system melody
                "GET /st2030/ringtone_040406CWT.txt",             // 5 CWT
                "GET /common/ToneTable.txt",                      // 6 tone table
                "GET /common/LangTable.txt",                      // 7 language table
                "POST /TelConf2030S_936f22a0.txt",                // 14 telcfg (POST, 2.5.3)
                "POST /ComConf2030S_112702b5.txt",                // 15 common config
                "POST /ST2030S_00147F770001.txt"),                // 16 MAC config: config= folder + name
                server.log());
        assertTrue(r.rebootNeeded(), "step 18: reboot after a successful upgrade");
        assertEquals("http://10.77.0.1/st2030/v2030SG.R11.1.090213.2.67.1.zz", r.state().lastFirmware());
        assertEquals("850497785552", r.state().configSn());
        assertEquals("10.77.0.1", r.state().authNotifyCheckSync());
        assertTrue(r.state().useSipNotifyToLaunchProvisioning());
        assertEquals(InfSource.OPTION_43, r.source());
        assertEquals(1, r.attempts());
    }

    @Test
    void st2022sOverHttp() {
        RunResult r = http(S22, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals(List.of("GET /ST2022S.inf", "GET /st2022/v2022SG.R11.1.090213.2.67.1.zz",
                "GET /st2022/ringtone_033006.txt", "GET /common/ToneTable.txt", "POST /TelConf2022S_d097616e.txt",
                "POST /ComConf2022S_d7fca637.txt", "POST /ST2022S_00147F770201.txt"), server.log());
    }

    // --- seed 2.5.2: MGCP over HTTP -----------------------------------------------------------

    @Test
    void st2030mOverHttpLeavesDecksToTheRunAfterTheReboot() {
        RunResult first = http(M30, PhoneState.factory());
        assertTrue(first.ok(), first.detail());
        assertEquals(List.of("GET /ST2030M.inf", "GET /st2030/v2030MG.R11.1.090213.2.67.1.zz",
                "GET /st2030/ringtone_033006.txt", "GET /st2030/BT.txt", "GET /common/LangTable.txt",
                "POST /TelConf2030M_e2f70375.txt", "POST /ComConf2030M_8732b4bf.txt",
                "POST /ST2030M_00147F770101.txt"), server.log());
        assertTrue(first.rebootNeeded());
        server.clearLog();
        RunResult second = http(M30, first.state());
        assertTrue(second.ok(), second.detail());
        assertFalse(second.rebootNeeded());
        assertEquals(List.of("GET /ST2030M.inf", "POST /ST2030M_00147F770101.txt", "GET /st2030/decks/main.thd",
                "GET /st2030/decks/call.thd", "GET /st2030/decks/config.thd"), server.log());
    }

    @Test
    void mgcpDownloadsDeckFilesEveryRun() {
        PhoneState s = http(M22, PhoneState.factory()).state();
        for (int i = 0; i < 3; i++) {
            server.clearLog();
            RunResult r = http(M22, s);
            assertTrue(r.ok(), r.detail());
            assertEquals(List.of("GET /ST2022M.inf", "POST /ST2022M_00147F770301.txt", "GET /st2022/decks/main.thd"),
                    server.log());
            s = r.state();
        }
    }

    // --- seed 2.4.1 / 2.4.2: over TFTP ------------------------------------------------------

    @Test
    void st2030sOverTftpFollowsTheSeedOrder() {
        RunResult r = tftp(S30, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals(List.of("RRQ ST2030S.inf", "RRQ st2030/v2030SG.R11.1.090213.2.67.1.zz",
                "RRQ st2030/ringtone_033006.txt", "RRQ st2030/ringtone_040406.txt",
                "RRQ st2030/ringtone_040406CWT.txt", "RRQ common/ToneTable.txt", "RRQ common/LangTable.txt",
                "RRQ TelConf2030S_936f22a0.txt", "RRQ ComConf2030S_112702b5.txt",
                "RRQ ST2030S_00147F770001.txt"),                  // 2.4.4: in the TFTP root
                server.log());
        assertEquals(InfSource.OPTION_150, r.source());
    }

    @Test
    void st2030mOverTftp() {
        RunResult r = tftp(M30, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals(List.of("RRQ ST2030M.inf", "RRQ st2030/v2030MG.R11.1.090213.2.67.1.zz",
                "RRQ st2030/ringtone_033006.txt", "RRQ st2030/BT.txt", "RRQ common/LangTable.txt",
                "RRQ TelConf2030M_e2f70375.txt", "RRQ ComConf2030M_8732b4bf.txt", "RRQ ST2030M_00147F770101.txt"),
                server.log());
        server.clearLog();
        RunResult second = tftp(M30, r.state());
        assertEquals(List.of("RRQ ST2030M.inf", "RRQ ST2030M_00147F770101.txt", "RRQ st2030/decks/main.thd",
                "RRQ st2030/decks/call.thd", "RRQ st2030/decks/config.thd"), server.log());
    }

    @Test
    void st2022sAndSt2022mOverTftp() {
        assertTrue(tftp(S22, PhoneState.factory()).ok());
        assertEquals(List.of("RRQ ST2022S.inf", "RRQ st2022/v2022SG.R11.1.090213.2.67.1.zz",
                "RRQ st2022/ringtone_033006.txt", "RRQ common/ToneTable.txt", "RRQ TelConf2022S_d097616e.txt",
                "RRQ ComConf2022S_d7fca637.txt",
                "RRQ ST2022S_00147F770201.txt"), server.log());
        server.clearLog();
        assertTrue(tftp(M22, PhoneState.factory()).ok());
        assertEquals(List.of("RRQ ST2022M.inf", "RRQ st2022/v2022MG.R11.1.090213.2.67.1.zz",
                "RRQ st2022/ringtone_033006.txt", "RRQ TelConf2022M_b4fb8a33.txt", "RRQ ComConf2022M_a9b8c47e.txt",
                "RRQ ST2022M_00147F770301.txt"), server.log());
    }

    // --- "only when the name changed" -------------------------------------------------------

    @Test
    void aSecondRunDownloadsOnlyTheInfAndTheMacConfig() {
        for (PhoneIdentity id : List.of(S30, S22)) {
            RunResult first = http(id, PhoneState.factory());
            server.clearLog();
            RunResult second = http(id, first.state());
            assertTrue(second.ok(), second.detail());
            assertFalse(second.rebootNeeded(), "nothing new: no reboot");
            assertEquals(List.of("GET /" + id.model().name() + ".inf", "POST /" + id.macConfigName(".txt")),
                    server.log());
            assertEquals(first.state(), second.state());
            server.clearLog();
        }
        RunResult t1 = tftp(S30, PhoneState.factory());
        server.clearLog();
        RunResult t2 = tftp(S30, t1.state());
        assertEquals(List.of("RRQ ST2030S.inf", "RRQ ST2030S_00147F770001.txt"), server.log());
        assertFalse(t2.rebootNeeded());
    }

    @Test
    void aNewConfigSnIsAppliedAndTheSameOneIsNot() {
        PhoneState s = http(S30, PhoneState.factory()).state();
        String mac = server.text(true, "ST2030S_00147F770001.txt");
        // Same config_sn, other content: the phone does not apply it (step 17).
        server.put(true, "ST2030S_00147F770001.txt", mac.replace("Lab 1001", "Changed"));
        RunResult same = http(S30, s);
        assertFalse(same.rebootNeeded());
        assertEquals(Optional.of("Lab 1001"), same.state().setting("DisplayName1"));
        // A new config_sn: applied, and the phone reboots.
        server.put(true, "ST2030S_00147F770001.txt",
                mac.replaceFirst("config_sn=\\d+", "config_sn=2").replace("Lab 1001", "Changed"));
        RunResult changed = http(S30, s);
        assertTrue(changed.rebootNeeded());
        assertEquals("2", changed.state().configSn());
        assertEquals(Optional.of("Changed"), changed.state().setting("DisplayName1"));
        assertEquals(List.of("mac_config config_sn=2"), changed.changes());
    }

    @Test
    void theMacConfigOverridesTheCommonConfig() {
        server.put(true, "ST2030S_00147F770001.txt", server.text(true, "ST2030S_00147F770001.txt")
                + "\n[net]\nVLAN=1\nVoiceVLANID=300\n");
        PhoneState s = http(S30, PhoneState.factory()).state();
        assertEquals(Optional.of("1"), s.setting("VLAN"));
        assertEquals("1", s.effective().get("net.VLAN"));
        assertEquals("0", s.common().get("net.VLAN"));
    }

    @Test
    void aRenamedCommonConfigIsFetchedAndApplied() {
        PhoneState s = http(S30, PhoneState.factory()).state();
        String inf = server.text(true, "ST2030S.inf");
        server.put(true, "ST2030S.inf", inf.replace("ComConf2030S_112702b5.txt", "ComConf2030S_00000002.txt"));
        server.put(true, "ComConf2030S_00000002.txt", "[sip]\nsw_notify_autoprovision=0\n");
        server.clearLog();
        RunResult r = http(S30, s);
        assertTrue(r.ok(), r.detail());
        assertEquals(List.of("GET /ST2030S.inf", "POST /ComConf2030S_00000002.txt", "POST /ST2030S_00147F770001.txt"),
                server.log());
        assertTrue(r.rebootNeeded());
        assertFalse(r.state().useSipNotifyToLaunchProvisioning());
        // The MAC config was not re-applied (same config_sn) but still overrides the new common config.
        assertEquals("10.77.0.1", r.state().authNotifyCheckSync());
    }

    @Test
    void aNewFirmwareAlsoBringsTheTelcfgAgain() {
        PhoneState s = http(S30, PhoneState.factory()).state();
        String inf = server.text(true, "ST2030S.inf");
        server.put(true, "ST2030S.inf", inf.replace("v2030SG.R11.1.090213.2.67.1.zz", "v2030SG.R12.zz"));
        server.put(true, "st2030/v2030SG.R12.zz", "new firmware");
        server.clearLog();
        RunResult r = http(S30, s);
        assertEquals(List.of("GET /ST2030S.inf", "GET /st2030/v2030SG.R12.zz",
                "POST /TelConf2030S_936f22a0.txt",                // step 14: "or if the firmware has been updated"
                "POST /ST2030S_00147F770001.txt"), server.log());
        assertEquals("http://10.77.0.1/st2030/v2030SG.R12.zz", r.state().lastFirmware());
    }

    @Test
    void aMissingMacConfigIsNotAnError() {
        server.remove(true, "ST2030S_00147F770001.txt");
        RunResult r = http(S30, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals("", r.state().configSn());
        assertTrue(r.detail().contains("no MAC config"), r.detail());
    }

    // --- errors (seed 2.6) -----------------------------------------------------------------

    @Test
    void noInfIsGenFileNotFoundAfterThreeRetries30sApart() {
        server.remove(false, "ST2030S.inf").remove(false, "ST2030S_00147F770001.inf");
        RunResult r = tftp(S30, PhoneState.factory());
        assertEquals(Optional.of(LcdMessage.GEN_FILE_NOT_FOUND), r.error());
        assertEquals("Gen File Not Found", r.error().get().text());
        assertEquals(4, r.attempts());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)), sleeper.sleeps);
        // Each attempt: option 67, then <MODEL>_<MAC>.inf (seed 2.2).
        assertEquals(List.of("RRQ ST2030S.inf", "RRQ ST2030S_00147F770001.inf"), server.log().subList(0, 2));
        assertEquals(8, server.log().size());
        assertEquals(PhoneState.factory(), r.state());
    }

    @Test
    void theMacNamedInfIsTheFallbackOfOption67() {
        server.remove(false, "ST2030S.inf");
        RunResult r = tftp(S30, PhoneState.factory());
        assertTrue(r.ok(), r.detail());
        assertEquals("RRQ ST2030S_00147F770001.inf", server.log().get(1));
    }

    @Test
    void anUnreachableServerIsRetriedThenShown() {
        server.unreachable(true);
        RunResult r = http(S30, PhoneState.factory());
        assertEquals(Optional.of(LcdMessage.SERVER_UNREACHABLE), r.error());
        assertEquals(4, r.attempts());
        assertEquals(3, sleeper.sleeps.size());
        assertEquals(4, server.log().size(), "one INF request per attempt: the server does not answer");
    }

    @Test
    void otherErrorsShowAtOnceAndChangeNothing() {
        server.remove(true, "st2030/ringtone_040406.txt");
        RunResult r = http(S30, PhoneState.factory());
        assertEquals(Optional.of(LcdMessage.MELODY_NOT_FOUND), r.error());
        assertEquals("Melody Cfg Not Found", r.error().get().text());
        assertEquals(1, r.attempts());
        assertTrue(sleeper.sleeps.isEmpty());
        assertFalse(r.rebootNeeded());
        assertEquals(PhoneState.factory(), r.state(), "still using the old firmware");
    }

    @Test
    void eachMissingFileHasItsMessage() {
        assertEquals(LcdMessage.FIRMWARE_NOT_FOUND, failingWithout("st2030/v2030SG.R11.1.090213.2.67.1.zz"));
        assertEquals(LcdMessage.TEL_CONFIG_NOT_FOUND, failingWithout("TelConf2030S_936f22a0.txt"));
        assertEquals(LcdMessage.COM_CONFIG_NOT_FOUND, failingWithout("ComConf2030S_112702b5.txt"));
        server.remove(true, "st2030/decks/call.thd");
        PhoneState after = http(M30, PhoneState.factory()).state();
        assertEquals(Optional.of(LcdMessage.DECK_NOT_FOUND), http(M30, after).error());
    }

    private LcdMessage failingWithout(String name) {
        SampleServer s = SampleServer.lab().remove(true, name);
        InfPlan plan = InfSearch.plan(S30, Preconfigured.NOTHING, Optional.of(Leases.http("http://10.77.0.1/ST2030S.inf")));
        return new ProvisioningRun(S30, s, RetryPolicy.SEED, sleeper).run(plan, PhoneState.factory(), KEY).error()
                .orElseThrow();
    }

    @Test
    void aMalformedUrlIsWrongFirmware() {
        server.put(true, "ST2030S.inf", server.text(true, "ST2030S.inf")
                .replace("fwurl=http://10.77.0.1/st2030/v2030SG.R11.1.090213.2.67.1.zz", "fwurl=http://10.77.0.1/a b.zz"));
        assertEquals(Optional.of(LcdMessage.WRONG_FIRMWARE), http(S30, PhoneState.factory()).error());
    }

    @Test
    void aMacConfigWithoutConfigSnIsCorrupted() {
        server.put(true, "ST2030S_00147F770001.txt", "[sip]\nTEL01Use=1\nregid1=1001\n");
        assertEquals(Optional.of(LcdMessage.CORRUPTED_CONFIG), http(S30, PhoneState.factory()).error());
    }

    @Test
    void aConfigThatIsNotKeyValueIsCorrupted() {
        server.put(true, "ComConf2030S_112702b5.txt", "<html>not a config</html>\n");
        RunResult r = http(S30, PhoneState.factory());
        assertEquals(Optional.of(LcdMessage.CORRUPTED_CONFIG), r.error());
        assertEquals("Corrupted Config", r.error().get().text());
    }
}
