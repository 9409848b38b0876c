package org.phoneprov.phonesim.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account keys of docs/vendor-formats.md 1.3, read as the phone reads its [sip] section. */
class SipAccountsTest {
    /** {@code section.key → value} from INI text, as ConfigReader stores an applied config. */
    private static Map<String, String> ini(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = "";
        for (String l : text.split("\n")) {
            if (l.startsWith("[")) {
                section = l.substring(1, l.length() - 1);
            } else if (l.contains("=")) {
                out.put(section + "." + l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
            }
        }
        return out;
    }

    @Test
    void readsEveryLineOfTheRealKeys() {
        // The two lines of the real ST2030S_001F9F16E7F8.txt (vendor-formats 1.3), ports partly left out.
        SipAccounts a = SipAccounts.read(ini("""
                [sys]
                config_sn=200905210003
                [sip]
                DisplayName1=mic 8002
                DisplayNameFlag1=1
                ProxyServerMP1=10.0.0.2
                ProxyServerMP2=10.0.0.2
                regid1=8002
                regid2=8010
                regpwd1=1234
                regpwd2=1234
                RegisterServerMP1=10.0.0.2
                RegisterServerMP2=10.0.0.2
                ServiceDomainMP1=10.0.0.2
                sip_reg_srv_portMP1=5070
                TEL1Number=8002
                TEL2Number=8010
                TEL01Use=1
                TEL02Use=1
                """), 4, true);
        assertEquals(List.of(), a.problems());
        assertEquals(List.of(
                new SipAccounts.Account(1, "8002", "8002", "1234", "mic 8002", "10.0.0.2", 5070, "10.0.0.2", 5060,
                        "10.0.0.2"),
                new SipAccounts.Account(2, "8010", "8010", "1234", "", "10.0.0.2", 5060, "10.0.0.2", 5060, "")),
                a.accounts());
        assertFalse(a.accounts().get(0).toString().contains("1234"), "no password in logs");
    }

    @Test
    void lineOneIsOnByDefaultTheOthersAreNot() {
        SipAccounts a = SipAccounts.read(ini("[sip]\nTEL1Number=1\nregid1=1\nRegisterServerMP1=pbx\n"
                + "TEL2Number=2\nregid2=2\nRegisterServerMP2=pbx\n"), 4, true);
        assertEquals(1, a.accounts().size());
        assertEquals(List.of("line 2 has account keys but is off (TEL02Use=): the phone does not register it"),
                a.problems());
    }

    @Test
    void aMacConfigWithoutAccountKeysIsReported() {
        SipAccounts old = SipAccounts.read(ini("[sys]\nconfig_sn=1\n[sip]\nAuthNotifyCheckSync=10.77.0.1\n"
                + "[line1]\nEnable=1\nUserNumber=1001\nAuthUser=1001\nRegistrar=10.77.0.1\n"), 4, true);
        assertEquals(List.of(), old.accounts());
        assertEquals(List.of("line 1 has no SIP account: [sip] has no TEL1Number, regid1, RegisterServerMP1"),
                old.problems());
        assertEquals(List.of("line 1 has no SIP account: no MAC config applied"),
                SipAccounts.read(Map.of(), 2, false).problems());
    }

    @Test
    void incompleteOffMisplacedAndBadPortsAreProblems() {
        SipAccounts a = SipAccounts.read(ini("""
                [sip]
                TEL01Use=1
                TEL1Number=1
                regid1=1
                RegisterServerMP1=pbx
                sip_pxy_srv_portMP1=abc
                TEL02Use=1
                TEL2Number=2
                [line3]
                regid3=3
                """), 4, true);
        assertEquals(List.of(), a.accounts());
        assertEquals(List.of("account keys outside [sip], not read: regid3 in [line3]",
                "line 1 has no SIP account: sip_pxy_srv_portMP1=abc is not a port",
                "line 2 is on (TEL02Use=1) but [sip] has no regid2, RegisterServerMP2"), a.problems());
        assertEquals(List.of("line 1 has no SIP account: it is off (TEL01Use=0)"),
                SipAccounts.read(ini("[sip]\nTEL01Use=0\n"), 4, true).problems());
    }

    @Test
    void keysMatchCaseInsensitivelyAndOnlyTheModelsLinesCount() {
        SipAccounts a = SipAccounts.read(ini("[SIP]\ntel1number=1\nREGID1=1\nregisterservermp1=pbx\n"
                + "TEL03Use=1\n"), 2, true);
        assertEquals(1, a.accounts().size());
        assertTrue(a.problems().isEmpty(), "line 3 of an ST2022 does not exist: " + a.problems());
    }
}
