package org.phoneprov.phonesim.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phoneprov.common.provision.Model;
import org.phoneprov.phonesim.phone.SipAccounts;

/** A phone reads back the accounts the suite's profiles carry, by the names each format gives them. */
class ProfileAccountsTest {
    static ProfileAccounts.Lines lines(Model model, byte[] xml) {
        return ProfileAccounts.read(Profiles.parsed(xml).settings(), model);
    }

    @Test
    void anN510ReadsLineOneWithoutASuffixAndLineTwoWithOne() {
        ProfileAccounts.Lines l = lines(Model.N510, Profiles.render(Model.N510, Profiles.ALICE, Profiles.BOB));
        assertEquals(List.of(), l.problems());
        assertEquals(List.of(
                new SipAccounts.Account(1, "1601", "1601", "gs-1601", "Lab 1601", "10.77.0.1", 5060, "10.77.0.1", 5060,
                        "10.77.0.1"),
                new SipAccounts.Account(2, "1602", "auth-1602", "gs-1602", "Bob", "pbx.lab", 5070, "proxy.lab", 5080,
                        "pbx.lab")), l.accounts(), "ports from the hex the profile writes (0x13ce = 5070)");
    }

    @Test
    void anN720ReadsItsAccountsAndTheOneProviderTheyShare() {
        ProfileAccounts.Lines l = lines(Model.N720, Profiles.render(Model.N720, Profiles.ALICE,
                new org.phoneprov.common.config.Device.Line("1603", "1603", "pw", "Carol", "10.77.0.1", "10.77.0.1")));
        assertEquals(List.of(), l.problems());
        assertEquals(2, l.accounts().size());
        assertEquals(new SipAccounts.Account(2, "1603", "1603", "pw", "Carol", "10.77.0.1", 5060, "10.77.0.1", 5060,
                "10.77.0.1"), l.accounts().get(1));
    }

    @Test
    void aC470ReadsElementsAndTakesTheDefaultRegistrarPort() {
        ProfileAccounts.Lines l = lines(Model.C470, Profiles.render(Model.C470, Profiles.BOB));
        assertEquals(List.of(), l.problems());
        assertEquals(List.of(new SipAccounts.Account(1, "1602", "auth-1602", "gs-1602", "Bob", "pbx.lab", 5060,
                "proxy.lab", 5080, "pbx.lab")), l.accounts(), "Gigaset's template names no registrar port");
    }

    @Test
    void aProfileWithoutAccountsIsAProblemForLineOne() {
        ProfileAccounts.Lines l = lines(Model.N510, Profiles.render(Model.N510));
        assertEquals(List.of(), l.accounts());
        assertEquals(List.of("line 1 has no SIP account: the profile has no BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_1"),
                l.problems());
    }

    @Test
    void aLineThatIsOnButIncompleteOrOffWithSettingsIsSaidSo() {
        ProfileAccounts.Lines l = ProfileAccounts.read(Map.of(
                "BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_1", "0x1",
                "BS_IP_Data1.aucS_SIP_USER_ID", "1601",
                "BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_2", "0x0",
                "BS_IP_Data1.aucS_SIP_USER_ID_2", "1602",
                "BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_3", "1",
                "BS_IP_Data1.aucS_SIP_USER_ID_3", "1603",
                "BS_IP_Data3.aucS_SIP_LOGIN_ID_3", "1603",
                "BS_IP_Data1.aucS_SIP_REGISTRAR_3", "pbx",
                "BS_IP_Data1.uiI_SIP_SERVER_PORT_3", "0x10000"), Model.N510);
        assertEquals(List.of(
                "line 1 has no SIP account: it is on but the profile has no BS_IP_Data3.aucS_SIP_LOGIN_ID, "
                        + "BS_IP_Data1.aucS_SIP_REGISTRAR",
                "line 2 has account settings but is off (BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_2=0x0): the phone does "
                        + "not register it",
                "line 3 has no SIP account: BS_IP_Data1.uiI_SIP_SERVER_PORT_3=0x10000 is not a port"), l.problems());
        assertEquals(List.of(), l.accounts());
    }

    @Test
    void numbersAreHexOrDecimalAndOnIsAnyOfTheirSpellings() {
        assertEquals(java.util.Optional.of(5060L), ProfileAccounts.number("0x13c4"));
        assertEquals(java.util.Optional.of(5060L), ProfileAccounts.number("5060"));
        assertEquals(java.util.Optional.empty(), ProfileAccounts.number("0x"));
        assertEquals(java.util.Optional.empty(), ProfileAccounts.number("-1"));
        assertTrue(ProfileAccounts.isOn("0x1") && ProfileAccounts.isOn("1") && ProfileAccounts.isOn("true"));
        assertTrue(!ProfileAccounts.isOn("0x0") && !ProfileAccounts.isOn("false") && !ProfileAccounts.isOn(""));
    }
}
