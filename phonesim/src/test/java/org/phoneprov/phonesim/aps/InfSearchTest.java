package org.phoneprov.phonesim.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.phonesim.fetch.Location;
import org.phoneprov.phonesim.phone.PhoneSettings;
import org.phoneprov.phonesim.phone.PhoneState;

/** Seed 2.2's INF order for each way the phone learns its server. */
class InfSearchTest {
    static final Inet4Address OTHER = (Inet4Address) SampleServer.address("10.77.0.9");

    static List<String> shown(InfPlan p) {
        return p.candidates().stream().map(Location::display).toList();
    }

    static Preconfigured pre(String http, String tftp, String name) {
        return new Preconfigured(Optional.ofNullable(http), Optional.ofNullable(tftp), Optional.ofNullable(name));
    }

    @Test
    void preconfiguredHttpWinsOverTftpAndEverythingFromDhcp() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.S30, pre("10.77.0.1", "10.77.0.9", "ST2030S.inf"),
                Optional.of(Leases.tftp("other.inf")));
        assertEquals(InfSource.PRECONFIGURED_HTTP, p.source());
        assertEquals(List.of("http://10.77.0.1/ST2030S_00147F770001.inf", "http://10.77.0.1/ST2030S.inf"), shown(p));
    }

    @Test
    void preconfiguredHttpMayBeAUrl() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.M22, pre("https://aps.example.com:8443/st/", null, null),
                Optional.empty());
        assertEquals(List.of("https://aps.example.com:8443/st/ST2022M_00147F770301.inf"), shown(p));
    }

    @Test
    void preconfiguredTftpWithoutAConfignameUsesOption67() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.M30, pre(null, "10.77.0.9", null),
                Optional.of(Leases.tftp("ST2030M.inf")));
        assertEquals(InfSource.PRECONFIGURED_TFTP, p.source());
        assertEquals(List.of("tftp://10.77.0.9:69/ST2030M_00147F770101.inf", "tftp://10.77.0.9:69/ST2030M.inf"),
                shown(p));
    }

    @Test
    void option150WinsOver66AndOption67ComesFirst() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.M30, pre(null, null, "ST2030M.inf"),
                Optional.of(Leases.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("10.77.0.9"),
                        Optional.of("boot.inf"), List.of(Leases.SERVER, OTHER))));
        assertEquals(InfSource.OPTION_150, p.source());
        assertEquals(List.of("tftp://10.77.0.1:69/boot.inf", "tftp://10.77.0.1:69/ST2030M_00147F770101.inf",
                "tftp://10.77.0.1:69/ST2030M.inf"), shown(p));
    }

    @Test
    void option66WithoutOption67AsksForTheMacNamedInf() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.S22, Preconfigured.NOTHING,
                Optional.of(Leases.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("10.77.0.9"),
                        Optional.empty(), List.of())));
        assertEquals(InfSource.OPTION_66, p.source());
        assertEquals(List.of("tftp://10.77.0.9:69/ST2022S_00147F770201.inf"), shown(p));
    }

    @Test
    void option43ThenTheConfignameNextToIt() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.S30, pre(null, null, "fallback.inf"),
                Optional.of(Leases.http("http://10.77.0.1/aps/ST2030S.inf")));
        assertEquals(InfSource.OPTION_43, p.source());
        assertEquals(List.of("http://10.77.0.1/aps/ST2030S.inf", "http://10.77.0.1/aps/fallback.inf"), shown(p));
    }

    @Test
    void option43ThatIsNotAUrlIsIgnored() {
        InfPlan p = InfSearch.plan(ProvisioningRunTest.S30, Preconfigured.NOTHING,
                Optional.of(Leases.http("\u0001\u0004abcd")));
        assertEquals(InfSource.NONE, p.source());
        assertTrue(p.isEmpty());
    }

    @Test
    void nextServerWithOption67OrTheFileField() {
        InfPlan with67 = InfSearch.plan(ProvisioningRunTest.M30, Preconfigured.NOTHING,
                Optional.of(Leases.of(Optional.of(OTHER), Optional.of("file.inf"), Optional.empty(), Optional.empty(),
                        Optional.of("opt67.inf"), List.of())));
        assertEquals(InfSource.NEXT_SERVER, with67.source());
        // Seed 4.2: "67 have the priority on file".
        assertEquals(List.of("tftp://10.77.0.9:69/opt67.inf", "tftp://10.77.0.9:69/ST2030M_00147F770101.inf"),
                shown(with67));
        InfPlan fileOnly = InfSearch.plan(ProvisioningRunTest.M30, pre(null, null, "ST2030M.inf"),
                Optional.of(Leases.of(Optional.of(OTHER), Optional.of("file.inf"), Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of())));
        assertEquals(List.of("tftp://10.77.0.9:69/file.inf", "tftp://10.77.0.9:69/ST2030M_00147F770101.inf",
                "tftp://10.77.0.9:69/ST2030M.inf"), shown(fileOnly));
    }

    @Test
    void nothingToGoOn() {
        assertEquals(InfSource.NONE, InfSearch.plan(ProvisioningRunTest.S30, Preconfigured.NOTHING, Optional.empty())
                .source());
        assertEquals(InfSource.NONE, InfSearch.plan(ProvisioningRunTest.S30, Preconfigured.NOTHING,
                Optional.of(Leases.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("x.inf"), List.of()))).source());
    }

    @Test
    void configFilesOverrideThePreconfiguredValues() {
        PhoneSettings set = PhoneSettings.factory().withTftpServer("10.77.0.9").withConfigName("a.inf");
        PhoneState fromFiles = PhoneState.factory().withCommon(Map.of("autoprovision.AutoprovisionConfigname", "b.inf",
                "autoprovision.AutoprovisionTFTPServer", "0.0.0.0"));
        Preconfigured p = Preconfigured.of(set, fromFiles);
        assertEquals(Optional.empty(), p.tftpServer(), "0.0.0.0 is 'not configured'");
        assertEquals(Optional.of("b.inf"), p.configName());
        assertEquals(Optional.of("a.inf"), Preconfigured.of(set, PhoneState.factory()).configName());
    }

    @Test
    void tftpServerValues() {
        assertEquals(Optional.of(new InetSocketAddress(Leases.SERVER, 69)), InfSearch.tftpServer("10.77.0.1"));
        assertEquals(Optional.of(new InetSocketAddress(Leases.SERVER, 6969)), InfSearch.tftpServer("10.77.0.1:6969"));
        assertEquals(Optional.of(new InetSocketAddress(Leases.SERVER, 69)), InfSearch.tftpServer("tftp://10.77.0.1/"));
        assertEquals(Optional.empty(), InfSearch.tftpServer("10.77.0.1:x"));
        assertEquals(Optional.empty(), InfSearch.tftpServer("no-such-host.invalid"));
    }
}
