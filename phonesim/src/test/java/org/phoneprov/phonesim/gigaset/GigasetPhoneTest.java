package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.crypto.ProfileCipher;
import org.phoneprov.common.dhcp.DhcpOption;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.aps.InfSource;
import org.phoneprov.phonesim.aps.Recorder;
import org.phoneprov.phonesim.aps.RetryPolicy;
import org.phoneprov.phonesim.dhcp.DhcpClient;
import org.phoneprov.phonesim.dhcp.DhcpTiming;
import org.phoneprov.phonesim.dhcp.FakeDhcpServer;
import org.phoneprov.phonesim.fetch.FetchResult;
import org.phoneprov.phonesim.net.HttpReply;
import org.phoneprov.phonesim.phone.BootReport;
import org.phoneprov.phonesim.phone.PhoneIdentity;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneStateStore;
import org.phoneprov.phonesim.phone.SipAccounts;

/** One Gigaset's boots against a suite-like DHCP server (option 114) and a scripted httpd. */
class GigasetPhoneTest {
    static final PhoneIdentity N510 = new PhoneIdentity(Profiles.MAC, Model.N510);
    static final String FOLDER = "http://10.77.0.1/gigaset";
    static final URI PROFILE = URI.create(FOLDER + "/7C2F80770601.xml");
    static final URI ACTIVATION = URI.create(FOLDER + "/activation/7C2F80770601.xml");
    static final PhoneSettings FAST = PhoneSettings.factory().withDhcpTiming(DhcpTiming.fixed(2, Duration.ofMillis(1), 1))
            .withRetry(new RetryPolicy(2, Duration.ofSeconds(7)));
    final Recorder sleeper = new Recorder();

    static FakeDhcpServer dhcp(Optional<String> o114) {
        return new FakeDhcpServer(r -> {
            var b = FakeDhcpServer.reply(r, Optional.empty());
            o114.ifPresent(u -> b.option(DhcpOption.valueOf(114), u));
            return Optional.of(b.build());
        });
    }

    GigasetPhone phone(PhoneIdentity id, GigasetSetup setup, PhoneStateStore store, FakeDhcpServer dhcp, FakeHttp http) {
        AtomicInteger xid = new AtomicInteger();
        return new GigasetPhone(id, setup, FAST, store, new DhcpClient(dhcp, xid::incrementAndGet, System::nanoTime),
                a -> http, sleeper, System::nanoTime, () -> "c0ffee");
    }

    @Test
    void aProviderVariantOpensItsEncryptedProfileAndReadsItsAccounts(@TempDir Path dir) {
        byte[] encrypted = ProfileCipher.forHexKey(ProfileBytesTest.KEY).encrypt(Profiles.render(Model.N510,
                Profiles.ALICE));
        FakeHttp http = new FakeHttp((uri, h) -> uri.equals(PROFILE) ? FakeHttp.ok(encrypted) : FakeHttp.status(404));
        FakeDhcpServer dhcp = dhcp(Optional.of(FOLDER));
        GigasetPhone p = phone(N510, GigasetSetup.factory().withProfileKey(ProfileBytesTest.KEY), PhoneStateStore.in(dir),
                dhcp, http);
        BootReport r = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, r.outcome(), r.toString());
        assertEquals("applied profile " + PROFILE + ", decrypted with the provider key", r.detail());
        assertEquals(List.of(new SipAccounts.Account(1, "1601", "1601", "gs-1601", "Lab 1601", "10.77.0.1", 5060,
                "10.77.0.1", 5060, "10.77.0.1")), r.accounts());
        assertEquals(List.of(), r.problems());
        assertEquals(InfSource.OPTION_114, r.runs().get(0).source());
        assertEquals(java.util.Map.of("http", 1), r.requestsByTransport());
        assertTrue(r.lcd().isEmpty(), "a Gigaset shows no ST20xx LCD text");

        // What it says in DHCP: Gigaset's option 60, no Thomson option 77, and option 114 asked for.
        FakeDhcpServer.Request discover = dhcp.requests.get(0);
        assertEquals(Optional.of("Gigaset_N510_IP_PRO"), discover.vendorClass());
        assertEquals(Optional.empty(), discover.userClass());
        assertTrue(discover.parameterList().contains(114) && discover.parameterList().contains(66),
                discover.parameterList().toString());

        // Its flash: the next phone on the same store knows the profile and finds it unchanged.
        BootReport again = phone(N510, GigasetSetup.factory().withProfileKey(ProfileBytesTest.KEY),
                PhoneStateStore.in(dir), dhcp, http).boot();
        assertEquals("profile unchanged: " + PROFILE + ", decrypted with the provider key", again.detail());
        assertEquals(List.of(), again.runs().get(0).changes());
    }

    @Test
    void withoutItsProvidersKeyTheEncryptedProfileIsOfNoUse() {
        byte[] encrypted = ProfileCipher.forHexKey(ProfileBytesTest.KEY).encrypt(Profiles.render(Model.N510,
                Profiles.ALICE));
        BootReport r = phone(N510, GigasetSetup.factory(), PhoneStateStore.memory(), dhcp(Optional.of(FOLDER)),
                new FakeHttp((uri, h) -> FakeHttp.ok(encrypted))).boot();
        assertEquals(BootReport.Outcome.FAILED, r.outcome());
        assertTrue(r.detail().startsWith("profile unreadable: " + PROFILE + ": an encrypted profile"), r.detail());
        assertEquals(List.of(), r.accounts());
    }

    @Test
    void aProfileForAnotherMacChangesNothing() {
        byte[] other = Profiles.render(Model.N510, Profiles.ALICE);
        PhoneIdentity id = new PhoneIdentity(Mac.parse("7C2F80770602").orElseThrow(), Model.N510);
        BootReport r = phone(id, GigasetSetup.factory(), PhoneStateStore.memory(), dhcp(Optional.of(FOLDER)),
                new FakeHttp((uri, h) -> FakeHttp.ok(other))).boot();
        assertEquals(BootReport.Outcome.FAILED, r.outcome());
        assertTrue(r.detail().endsWith("is for MAC_ADDRESS=7C2F80770601, not this phone's 7C2F80770602: no settings"
                + " changed"), r.detail());
    }

    @Test
    void aOneShotCodeWorksOnceAndThePhoneKeepsWhatItGot() {
        byte[] plain = Profiles.render(Model.N510, Profiles.ALICE);
        AtomicInteger served = new AtomicInteger();
        FakeHttp http = new FakeHttp((uri, h) -> {
            if (!uri.equals(ACTIVATION)) {
                return FakeHttp.status(404);
            }
            if (!h.containsKey("Authorization")) {
                return FakeHttp.status(401, "WWW-Authenticate", ProfileFetchTest.CHALLENGE);
            }
            return served.getAndIncrement() == 0 ? FakeHttp.ok(plain) : FakeHttp.status(403);
        });
        PhoneStateStore store = PhoneStateStore.memory();
        GigasetSetup code = GigasetSetup.factory().withCode("4567");
        GigasetPhone p = phone(N510, code, store, dhcp(Optional.of(FOLDER)), http);
        BootReport first = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, first.outcome(), first.toString());
        assertEquals(1, first.accounts().size());
        assertEquals(java.util.Map.of("http", 2), first.requestsByTransport(), "the 401, then the answer");

        BootReport second = p.boot();
        assertEquals(BootReport.Outcome.PROVISIONED, second.outcome(), second.toString());
        assertTrue(second.detail().startsWith("kept the profile applied before: " + ACTIVATION + ": HTTP 403"),
                second.detail());
        assertEquals(first.accounts(), second.accounts(), "from what it applied the first time");

        // Another phone with the same code never got anything: the 403 is its failure.
        PhoneIdentity other = new PhoneIdentity(Mac.parse("7C2F80770602").orElseThrow(), Model.N510);
        BootReport refused = phone(other, code, store, dhcp(Optional.of(FOLDER)), new FakeHttp((uri, h) ->
                h.containsKey("Authorization") ? FakeHttp.status(403)
                        : FakeHttp.status(401, "WWW-Authenticate", ProfileFetchTest.CHALLENGE))).boot();
        assertEquals(BootReport.Outcome.FAILED, refused.outcome());
        assertTrue(refused.detail().startsWith("activation code refused: "), refused.detail());
    }

    @Test
    void noProfileForTheMacIsAFailureThatSaysSo() {
        BootReport r = phone(N510, GigasetSetup.factory(), PhoneStateStore.memory(), dhcp(Optional.of(FOLDER)),
                new FakeHttp((uri, h) -> FakeHttp.status(404))).boot();
        assertEquals(BootReport.Outcome.FAILED, r.outcome());
        assertEquals("no Gigaset profile: " + PROFILE + ": HTTP 404", r.detail());
    }

    @Test
    void anUnreachableServerIsTriedAgainAsAnSt20xxDoes() {
        FakeHttp http = new FakeHttp((uri, h) -> new HttpReply.NoAnswer(new FetchResult.Unreachable("refused")));
        BootReport r = phone(N510, GigasetSetup.factory(), PhoneStateStore.memory(), dhcp(Optional.of(FOLDER)), http)
                .boot();
        assertEquals(BootReport.Outcome.FAILED, r.outcome());
        assertEquals(3, http.asked.size(), "one try and two retries");
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7)), sleeper.sleeps);
        assertEquals(3, http.closed, "each attempt on a connection of its own");
        assertEquals(3, r.runs().get(0).attempts());
    }

    @Test
    void withoutOption114Or66AndNothingSetUpThereIsNoServer() {
        BootReport r = phone(N510, GigasetSetup.factory(), PhoneStateStore.memory(), dhcp(Optional.empty()),
                new FakeHttp((uri, h) -> FakeHttp.status(404))).boot();
        assertEquals(BootReport.Outcome.NO_SERVER, r.outcome());
        assertTrue(r.runs().isEmpty());
        assertFalse(r.provisioned());
    }

    @Test
    void theUserAgentEndsWithTheMac() {
        assertEquals("Gigaset N510 IP PRO/42.245.00.000.000;7C2F80770601", UserAgents.of(N510));
        assertEquals("Gigaset N720 DM PRO/70.089.00.000.000;7C2F80770601",
                UserAgents.of(new PhoneIdentity(Profiles.MAC, Model.N720)));
    }
}
