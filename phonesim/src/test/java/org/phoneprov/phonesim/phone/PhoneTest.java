package org.phoneprov.phonesim.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.aps.FetchRecord;
import org.phoneprov.phonesim.aps.InfSource;
import org.phoneprov.phonesim.aps.LcdMessage;
import org.phoneprov.phonesim.aps.Recorder;
import org.phoneprov.phonesim.aps.SampleServer;
import org.phoneprov.phonesim.aps.VlanDecision;
import org.phoneprov.phonesim.dhcp.DhcpClient;
import org.phoneprov.phonesim.dhcp.DhcpTiming;
import org.phoneprov.phonesim.dhcp.FakeDhcpServer;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.fetch.Fetcher;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.sip.CheckSync;

/** One phone's boots against the lab's files and a suite-like DHCP server. */
class PhoneTest {
    static final PhoneIdentity S30 = new PhoneIdentity(Mac.parse("00147F770001").orElseThrow(), Model.ST2030S);
    static final PhoneIdentity M30 = new PhoneIdentity(Mac.parse("00147F770101").orElseThrow(), Model.ST2030M);
    static final InetAddress SUITE = SampleServer.SERVER;
    static final PhoneSettings FAST = PhoneSettings.factory()
            .withDhcpTiming(DhcpTiming.fixed(2, Duration.ofMillis(1), 1));

    final SampleServer files = SampleServer.lab();
    final List<InetAddress> boundTo = new ArrayList<>();
    final Recorder sleeper = new Recorder();

    Phone phone(PhoneIdentity id, PhoneSettings settings, PhoneStateStore store, FakeDhcpServer dhcp) {
        AtomicInteger xid = new AtomicInteger();
        return new Phone(id, settings, store, new DhcpClient(dhcp, xid::incrementAndGet, System::nanoTime), a -> {
            boundTo.add(a);
            return files;
        }, sleeper, System::nanoTime);
    }

    static List<String> shown(List<FetchRecord> fetches) {
        return fetches.stream().map(f -> f.method() + " " + (f.location() instanceof Location.Http h
                ? h.uri().getPath() : ((Location.Tftp) f.location()).name())).toList();
    }

    @Test
    void httpPhoneProvisionsRebootsOnceThenFindsNothingNew(@TempDir Path dir) {
        FakeDhcpServer dhcp = FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.of(new int[] {1, 100, 200}));
        PhoneStateStore store = PhoneStateStore.in(dir);
        Phone p = phone(S30, FAST.withVlanEnabled(true), store, dhcp);
        assertFalse(p.obeys(SUITE), "a phone out of the box ignores NOTIFY (3.4)");

        BootReport first = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, first.outcome(), first.toString());
        assertEquals(1, first.reboots());
        assertEquals(2, first.runs().size());
        assertEquals(InfSource.OPTION_43, first.runs().get(0).source());
        assertEquals(10, first.runs().get(0).fetches().size());
        // After the reboot the common config's AutoprovisionHTTPServer is pre-configured (2.3)
        // and the phone looks for its MAC-named INF first (2.2); nothing is new.
        assertEquals(InfSource.PRECONFIGURED_HTTP, first.runs().get(1).source());
        assertEquals(List.of("GET /ST2030S_00147F770001.inf", "POST /ST2030S_00147F770001.txt"),
                shown(first.runs().get(1).fetches()));
        assertEquals(Map.of("http", 12), first.requestsByTransport());
        assertEquals(List.of(FakeDhcpServer.PHONE, FakeDhcpServer.PHONE), boundTo, "fetchers bound to the lease");
        assertEquals(2, files.closed());

        // VLAN: asked for and applied on the first boot; the common config says VLAN=0, so
        // the second DHCP does not ask for 190-192 (4.4.2) and the phone is untagged.
        assertEquals(List.of(1, 3, 6, 15, 43, 66, 67, 150, 190, 191, 192), dhcp.requests.get(0).parameterList());
        assertEquals(List.of(1, 3, 6, 15, 43, 66, 67, 150), dhcp.requests.get(2).parameterList());
        assertEquals(VlanDecision.UNTAGGED, first.vlan());

        assertTrue(p.obeys(SUITE), "sw_notify_autoprovision=1, AuthNotifyCheckSync=10.77.0.1");
        assertFalse(p.obeys(addr("10.77.0.66")), "not the trusted source");

        BootReport second = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, second.outcome());
        assertEquals(0, second.reboots());
        assertEquals(2, second.fetches().size());

        // A second simulator run starts from the first one's state.
        Phone again = phone(S30, FAST, PhoneStateStore.in(dir), dhcp);
        assertEquals(p.state(), again.state());
        BootReport third = again.boot();
        assertEquals(0, third.reboots());
        assertEquals(List.of("GET /ST2030S_00147F770001.inf", "POST /ST2030S_00147F770001.txt"),
                shown(third.fetches()));
    }

    @Test
    void aProvisionedSipPhoneKnowsItsAccountsFromTheMacConfig() {
        BootReport r = phone(S30, FAST, PhoneStateStore.memory(),
                FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty())).boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(new SipAccounts.Account(1, "1001", "1001", "lab-1001", "Lab 1001", "10.77.0.1", 5060,
                "10.77.0.1", 5060, "10.77.0.1")), r.accounts(), "lines 2-4 are written off (TEL0<n>Use=0)");
    }

    @Test
    void aMacConfigWithoutRegistrationKeysIsAProblemNotAFailure() {
        // The keys the built-in template wrote before issue 12 item 6: no ST20xx reads them.
        files.put(true, "ST2030S_00147F770001.txt", "[sys]\nconfig_sn=1\n[line1]\nEnable=1\nUserNumber=1001\n"
                + "AuthUser=1001\nAuthPassword=lab-1001\nRegistrar=10.77.0.1\n");
        BootReport r = phone(S30, FAST, PhoneStateStore.memory(),
                FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty())).boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), "the APS run itself worked");
        assertEquals(List.of(), r.accounts());
        assertEquals(List.of("line 1 has no SIP account: [sip] has no TEL1Number, regid1, RegisterServerMP1"),
                r.problems());
        assertTrue(r.toString().contains("problems: line 1 has no SIP account"), r.toString());
    }

    @Test
    void aPhoneWithoutAMacConfigHasNoAccountAndMgcpPhonesAreNotChecked() {
        files.remove(true, "ST2030S_00147F770001.txt").remove(true, "ST2030S_00147F770001.inf");
        BootReport r = phone(S30, FAST, PhoneStateStore.memory(),
                FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty())).boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertEquals(List.of("line 1 has no SIP account: no MAC config applied"), r.problems());
        BootReport m = phone(M30, FAST, PhoneStateStore.memory(), FakeDhcpServer.tftp("ST2030M.inf")).boot();
        assertEquals(List.of(), m.problems(), "the MGCP key names are unknown (docs/vendor-formats.md)");
        assertEquals(List.of(), m.accounts());
    }

    @Test
    void dhcpVlanAppliesWhileTheConfigSaysNothingAboutVlan() {
        files.put(true, "ComConf2030S_112702b5.txt", files.text(true, "ComConf2030S_112702b5.txt")
                .replace("VLAN=0\n", ""));
        FakeDhcpServer dhcp = FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.of(new int[] {1, 100, 200}));
        BootReport r = phone(S30, FAST.withVlanEnabled(true), PhoneStateStore.memory(), dhcp).boot();
        assertEquals(new VlanDecision(VlanDecision.Source.DHCP, Optional.of(new Vlan(1, 100, 200))), r.vlan());
        assertEquals(Optional.of(100), r.vlan().voiceTag());
    }

    @Test
    void tftpPhoneMovesToThePreconfiguredHttpServerOfTheLabConfig() {
        FakeDhcpServer dhcp = FakeDhcpServer.tftp("ST2030M.inf");
        BootReport r = phone(M30, FAST, PhoneStateStore.memory(), dhcp).boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertEquals(InfSource.OPTION_150, r.runs().get(0).source());
        // The lab common config sets AutoprovisionHTTPServer: HTTP now wins (2.3). The INF
        // names URLs where the TFTP one named files, so every file counts as new (2.4.1 step 2:
        // "if firmware filename differs") except the MAC config, whose config_sn is the same.
        assertEquals(InfSource.PRECONFIGURED_HTTP, r.runs().get(1).source());
        assertTrue(r.runs().get(1).changes().get(0).startsWith("firmware http://"), r.runs().get(1).changes().toString());
        assertFalse(r.runs().get(1).changes().stream().anyMatch(c -> c.startsWith("mac_config")));
        assertEquals(2, r.reboots());
        assertEquals(List.of("GET /ST2030M_00147F770101.inf", "POST /ST2030M_00147F770101.txt",
                "GET /st2030/decks/main.thd", "GET /st2030/decks/call.thd", "GET /st2030/decks/config.thd"),
                shown(r.runs().get(2).fetches()));
    }

    @Test
    void tftpPhoneStaysOnTftpWhenOnlyATftpServerIsConfigured() {
        files.put(false, "ComConf2030M_8732b4bf.txt", files.text(false, "ComConf2030M_8732b4bf.txt")
                .replace("AutoprovisionHTTPServer=10.77.0.1\n", ""));
        BootReport r = phone(M30, FAST, PhoneStateStore.memory(), FakeDhcpServer.tftp("ST2030M.inf")).boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertEquals(1, r.reboots());
        assertEquals(InfSource.PRECONFIGURED_TFTP, r.runs().get(1).source());
        assertEquals(List.of("RRQ ST2030M_00147F770101.inf", "RRQ ST2030M_00147F770101.txt",
                "RRQ st2030/decks/main.thd", "RRQ st2030/decks/call.thd", "RRQ st2030/decks/config.thd"),
                shown(r.runs().get(1).fetches()));
        assertEquals(Map.of("tftp", 8 + 5), r.requestsByTransport());
    }

    @Test
    void nextServerAndTheFileFieldAlone() {
        FakeDhcpServer dhcp = new FakeDhcpServer(q -> Optional.of(FakeDhcpServer.reply(q, Optional.empty())
                .siaddr(FakeDhcpServer.SERVER).file("ST2030M.inf").build()));
        BootReport r = phone(M30, FAST, PhoneStateStore.memory(), dhcp).boot();
        assertEquals(InfSource.NEXT_SERVER, r.runs().get(0).source());
        assertEquals("RRQ ST2030M.inf", shown(r.fetches()).get(0));
    }

    @Test
    void checkSyncWithoutRebootUsesThePreconfiguredServersOnly() {
        FakeDhcpServer dhcp = FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty());
        Phone p = phone(S30, FAST, PhoneStateStore.memory(), dhcp);
        p.boot();
        int dhcpBefore = dhcp.requests.size();
        BootReport r = p.onCheckSync(new CheckSync(new InetSocketAddress(SUITE, 5060), false));
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome());
        assertEquals(dhcpBefore, dhcp.requests.size(), "no DHCP without reboot");
        assertEquals(InfSource.PRECONFIGURED_HTTP, r.runs().get(0).source());
        assertTrue(r.dhcp().isEmpty());

        BootReport rebooted = p.onCheckSync(new CheckSync(new InetSocketAddress(SUITE, 5060), true));
        assertEquals(dhcpBefore + 2, dhcp.requests.size(), "reboot=true: a full reboot, DHCP included");
        assertEquals(BootReport.Outcome.PROVISIONED, rebooted.outcome());
    }

    @Test
    void checkSyncWithoutRebootNeedsPreconfiguredServers() {
        files.put(true, "ComConf2030S_112702b5.txt", "[sip]\nsw_notify_autoprovision=1\n");
        Phone p = phone(S30, FAST, PhoneStateStore.memory(),
                FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty()));
        assertEquals(BootReport.Outcome.PROVISIONED, p.boot().outcome());
        BootReport r = p.onCheckSync(new CheckSync(new InetSocketAddress(SUITE, 5060), false));
        assertEquals(BootReport.Outcome.NO_SERVER, r.outcome());
    }

    @Test
    void aFailedRunShowsItsMessageAndKeepsTheOldState() {
        files.remove(true, "st2030/v2030SG.R11.1.090213.2.67.1.zz");
        Phone p = phone(S30, FAST, PhoneStateStore.memory(),
                FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty()));
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.FAILED, r.outcome());
        assertEquals(Optional.of(LcdMessage.FIRMWARE_NOT_FOUND), r.lcd());
        assertEquals("", p.state().lastFirmware());
        assertEquals(0, r.reboots());
    }

    @Test
    void genFileNotFoundWaitsTheRetries() {
        Phone p = phone(S30, FAST.withRetry(new org.phoneprov.phonesim.aps.RetryPolicy(3, Duration.ofSeconds(30))),
                PhoneStateStore.memory(), FakeDhcpServer.http("http://10.77.0.1/nothing.inf", Optional.empty()));
        BootReport r = p.boot();
        assertEquals(Optional.of(LcdMessage.GEN_FILE_NOT_FOUND), r.lcd());
        assertEquals(3, sleeper.sleeps.size());
        assertEquals(4, r.runs().get(0).attempts());
    }

    @Test
    void noDhcpAnswer() {
        Phone p = phone(S30, FAST, PhoneStateStore.memory(), new FakeDhcpServer(q -> Optional.empty()));
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.DHCP_FAILED, r.outcome());
        assertTrue(r.runs().isEmpty());
        assertTrue(boundTo.isEmpty());
        assertEquals(Optional.empty(), p.address());
    }

    @Test
    void aLeaseThatSaysNothingAboutProvisioning() {
        Phone p = phone(S30, FAST, PhoneStateStore.memory(),
                new FakeDhcpServer(q -> Optional.of(FakeDhcpServer.reply(q, Optional.empty()).build())));
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.NO_SERVER, r.outcome());
        assertTrue(r.lease().isPresent());
    }

    @Test
    void aStaticSetupSkipsDhcp() {
        FakeDhcpServer dhcp = new FakeDhcpServer(q -> Optional.empty());
        InetAddress mine = addr("10.77.0.50");
        Phone p = phone(S30, FAST.withStaticAddress(mine).withHttpServer("10.77.0.1"), PhoneStateStore.memory(), dhcp);
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertTrue(dhcp.requests.isEmpty());
        assertEquals(mine, boundTo.get(0));
        assertEquals(InfSource.PRECONFIGURED_HTTP, r.runs().get(0).source());
    }

    @Test
    void aServerThatAlwaysHasSomethingNewHitsTheRebootLimit() {
        AtomicInteger sn = new AtomicInteger(1000);
        Fetcher changing = new Fetcher() {
            @Override
            public FetchResult get(Location l) {
                return files.get(l);
            }

            @Override
            public FetchResult post(Location l) {
                FetchResult r = files.post(l);
                if (l.display().endsWith("ST2030S_00147F770001.txt") && r instanceof FetchResult.Ok ok) {
                    String t = new String(ok.body(), StandardCharsets.UTF_8)
                            .replaceAll("config_sn=\\d+", "config_sn=" + sn.incrementAndGet());
                    return new FetchResult.Ok(t.getBytes(StandardCharsets.UTF_8));
                }
                return r;
            }

            @Override
            public Map<String, Integer> requests() {
                return files.requests();
            }

            @Override
            public void close() {
            }
        };
        Phone p = new Phone(S30, FAST.withMaxReboots(2), PhoneStateStore.memory(),
                new DhcpClient(FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty())),
                a -> changing, sleeper, System::nanoTime);
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.REBOOT_LIMIT, r.outcome());
        assertEquals(2, r.reboots());
        assertEquals(3, r.runs().size());
    }

    @Test
    void theDecryptionKeyFromTheConfigFilesIsUsed() {
        // Seed 6 "Via APS": [autoprovision] Decryption_Key=... in the common config.
        PhoneState s = PhoneState.factory().withCommon(Map.of("autoprovision.Decryption_Key", "1234567890123456"));
        PhoneStateStore store = PhoneStateStore.memory();
        try {
            store.save(S30, s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        byte[] plain = files.text(true, "ST2030S_00147F770001.txt").getBytes(StandardCharsets.UTF_8);
        files.put(true, "ST2030S.inf", files.text(true, "ST2030S.inf").replace("ComConf2030S_112702b5.txt",
                "ComConf2030S_enc.ser"));
        org.phoneprov.common.crypto.SerCipher c = org.phoneprov.common.crypto.SerCipher.forKey("1234567890123456");
        files.put(true, "ComConf2030S_enc.ser", c.encrypt(files.text(true, "ComConf2030S_112702b5.txt")
                .getBytes(StandardCharsets.UTF_8)));
        files.put(true, "ST2030S_00147F770001.ser", c.encrypt(plain));
        BootReport r = phone(S30, FAST, store, FakeDhcpServer.http("http://10.77.0.1/ST2030S.inf", Optional.empty()))
                .boot();
        assertTrue(r.runs().get(0).ok(), r.toString());
        assertTrue(shown(r.fetches()).contains("POST /ST2030S_00147F770001.ser"));
    }

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
