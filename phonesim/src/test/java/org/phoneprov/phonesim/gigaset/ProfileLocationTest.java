package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.phonesim.aps.InfSource;
import org.phoneprov.phonesim.aps.Leases;
import org.phoneprov.phonesim.dhcp.DhcpLease;

/** Where a Gigaset asks first: set up, else option 114, else option 66 (docs/vendor-formats.md 2.4). */
class ProfileLocationTest {
    static final Mac MAC = Profiles.MAC;

    static DhcpLease lease(Optional<String> o114, Optional<String> o66) {
        DhcpLease l = Leases.of(Optional.empty(), Optional.empty(), Optional.empty(), o66, Optional.empty(), List.of());
        return new DhcpLease(l.address(), l.serverId(), l.subnetMask(), l.router(), l.leaseSeconds(), l.nextServer(),
                l.file(), l.inf43(), l.tftp66(), l.inf67(), l.tftp150(), l.vlanEnable(), l.voiceVlan(), l.dataVlan(),
                o114);
    }

    static ProfileLocation.Found found(GigasetSetup s, Optional<DhcpLease> l) {
        return assertInstanceOf(ProfileLocation.Found.class, ProfileLocation.start(s, l, MAC));
    }

    @Test
    void option114IsTheFolderThePhoneAppendsItsMacTo() {
        ProfileLocation.Found f = found(GigasetSetup.factory(), Optional.of(lease(Optional.of("http://10.77.0.1/gigaset"),
                Optional.of("10.77.0.9"))));
        assertEquals(URI.create("http://10.77.0.1/gigaset/7C2F80770601.xml"), f.uri());
        assertEquals(InfSource.OPTION_114, f.source(), "114 has priority over 66");
    }

    @Test
    void option66IsAServerWhoseRootHoldsTheProfile() {
        ProfileLocation.Found f = found(GigasetSetup.factory(), Optional.of(lease(Optional.empty(),
                Optional.of("10.77.0.9"))));
        assertEquals(URI.create("http://10.77.0.9/7C2F80770601.xml"), f.uri());
        assertEquals(InfSource.OPTION_66, f.source());
    }

    @Test
    void aUrlSetUpOnThePhoneWinsAndAFileNameIsAskedAsItIs() {
        GigasetSetup retail = GigasetSetup.factory().withServer(URI.create("http://10.77.0.1/device/444/1/master.bin"));
        ProfileLocation.Found f = found(retail, Optional.of(lease(Optional.of("http://10.77.0.1/gigaset"),
                Optional.empty())));
        assertEquals(URI.create("http://10.77.0.1/device/444/1/master.bin"), f.uri());
        assertEquals(InfSource.GIGASET_PRESET, f.source());
    }

    @Test
    void anActivationCodeGoesToTheSuitesCodeEndpointUnderTheFolder() {
        ProfileLocation.Found f = found(GigasetSetup.factory().withCode("12387426549864#0815"),
                Optional.of(lease(Optional.of("http://10.77.0.1:8080/gigaset/"), Optional.empty())));
        assertEquals(URI.create("http://10.77.0.1:8080/gigaset/activation/7C2F80770601.xml"), f.uri());
    }

    @Test
    void specifiersAreExpandedAndASchemeLessUrlIsHttp() {
        assertEquals(Optional.of(URI.create("http://prov.example/444/7C2F80770601/settings.xml")),
                ProfileLocation.profileUrl("prov.example/%DVID/%MACD/settings.xml", MAC, "444", false));
        assertEquals(Optional.of(URI.create("http://prov.example/7C2F80770601.xml")),
                ProfileLocation.profileUrl("http://prov.example", MAC, "444", false));
        assertEquals(Optional.empty(), ProfileLocation.profileUrl("ftp://prov.example/", MAC, "444", false));
        assertEquals(Optional.empty(), ProfileLocation.profileUrl("http://bad host/", MAC, "444", false));
    }

    @Test
    void withoutAnyUrlThePhoneHasNoServer() {
        ProfileLocation.None n = assertInstanceOf(ProfileLocation.None.class,
                ProfileLocation.start(GigasetSetup.factory(), Optional.of(lease(Optional.empty(), Optional.empty())), MAC));
        assertTrue(n.why().startsWith("no provisioning URL"), n.why());
        ProfileLocation.None bad = assertInstanceOf(ProfileLocation.None.class, ProfileLocation.start(
                GigasetSetup.factory(), Optional.of(lease(Optional.of("tftp://10.77.0.1/"), Optional.empty())), MAC));
        assertEquals("option 114 tftp://10.77.0.1/ is not an http:// URL", bad.why());
    }

    @Test
    void theCodesPasswordIsThePartAfterTheHash() {
        assertEquals(Optional.of(new DigestCredentials("12387426549864", "0815")),
                GigasetSetup.factory().withCode("12387426549864#0815").credentials());
        assertEquals(Optional.of(new DigestCredentials("4567", "")), GigasetSetup.factory().withCode("4567").credentials());
        assertTrue(!GigasetSetup.factory().withCode("123#secret").withProfileKey("00").toString().contains("secret"));
    }
}
