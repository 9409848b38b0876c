package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.provision.Model;

class ProfileXmlTest {
    static ProfileXml.Read parse(String xml) {
        return ProfileXml.parse(xml.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void symbItemsLoseTheirQuotesAndElementsAreTheirOwnSettings() {
        ProfileXml.Profile p = Profiles.parsed(Profiles.render(Model.N510, Profiles.ALICE));
        assertEquals(Optional.of("7C2F80770601"), p.get(ProfileXml.MAC_ADDRESS));
        assertEquals(Optional.of("N510"), p.get(ProfileXml.PROFILE_NAME));
        assertEquals(Optional.of("gs-1601"), p.get("BS_IP_Data1.aucS_SIP_PASSWORD"), "value='\"gs-1601\"'");
        assertEquals(Optional.of("0x13c4"), p.get("BS_IP_Data1.uiI_SIP_SERVER_PORT"), "a number keeps its form");
        ProfileXml.Profile c = Profiles.parsed(Profiles.render(Model.C590, Profiles.ALICE));
        assertEquals(Optional.of("gs-1601"), c.get("S_SIP_PASSWORD_1"));
    }

    @Test
    void charactersOutsideLatin1AndMarkupInValuesComeBackAsWritten() {
        ProfileXml.Profile p = Profiles.parsed(Profiles.render(Model.N510, new org.phoneprov.common.config.Device.Line(
                "1601", "1601", "a&b<c>'d", "Zoë 東京", "10.77.0.1", "10.77.0.1")));
        assertEquals(Optional.of("a&b<c>'d"), p.get("BS_IP_Data1.aucS_SIP_PASSWORD"));
        assertEquals(Optional.of("Zoë 東京"), p.get("BS_IP_Data1.aucS_SIP_DISPLAYNAME"));
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsRead() {
        ProfileXml.Read r = parse("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ProviderFrame><MAC_ADDRESS value=\"&x;\"/></ProviderFrame>");
        ProfileXml.Unreadable u = assertInstanceOf(ProfileXml.Unreadable.class, r);
        assertTrue(u.why().contains("DOCTYPE"), u.why());
        ProfileXml.Read billion = parse("<!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<ProviderFrame><X value=\"&b;\"/></ProviderFrame>");
        assertInstanceOf(ProfileXml.Unreadable.class, billion);
    }

    @Test
    void whatIsNotAProfileIsUnreadableWithTheReason() {
        assertEquals("the root element is <methodCall>, not <ProviderFrame>",
                ((ProfileXml.Unreadable) parse("<methodCall/>")).why());
        assertTrue(((ProfileXml.Unreadable) parse("<ProviderFrame><a></ProviderFrame>")).why()
                .startsWith("not well-formed XML: "));
        assertTrue(((ProfileXml.Unreadable) parse("")).why().startsWith("not well-formed XML: "));
        assertInstanceOf(ProfileXml.Unreadable.class, ProfileXml.parse(new byte[ProfileXml.MAX_BYTES + 1]));
    }

    @Test
    void quotesComeOffOnlyWhenTheyWrapTheValue() {
        assertEquals("1001", ProfileXml.unquoted("\"1001\""));
        assertEquals("", ProfileXml.unquoted("\"\""));
        assertEquals("0x1", ProfileXml.unquoted("0x1"));
        assertEquals("\"", ProfileXml.unquoted("\""));
    }
}
