package org.phoneprov.dhcpd.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phoneprov.common.config.SubnetConfig;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.provision.Model;
import org.phoneprov.common.provision.SuiteUrls;
import org.phoneprov.dhcpd.classify.Classification;
import org.phoneprov.dhcpd.classify.YamlConfigs;

class OptionAssemblerTest {
    static final String CLASSES = """
            models:
              ST2022M: {inf_name: st2022m_boot.inf}
            classes:
              http:
                dhcp: {provision: http}
              tftp:
                dhcp: {provision: tftp}
              none:
                dhcp: {provision: none}
              vlan:
                dhcp:
                  provision: http
                  vlan: {enable: 1, voice: 100, data: 4094}
              override:
                dhcp:
                  provision: tftp
                  file: boot.inf
                  sname: pbx.lab.test
              custom:
                dhcp:
                  provision: http
                  options:
                    - {code: 42, type: ip_list, value: [10.77.0.1, 10.77.0.2]}
                    - {code: 160, type: string, value: "http://10.77.0.1/"}
                    - {code: 43, type: string, value: "http://other/x.inf"}
                    - {code: 200, type: u32, value: 4294967295}
            """;
    static final List<Integer> NO_PRL = List.of();
    /** 192.0.2.10 as the siaddr int. */
    static final int SUITE = 0xC000020A;

    @TempDir
    Path dir;
    SuiteConfig config;
    SubnetConfig subnet;
    OptionAssembler assembler;

    @BeforeEach
    void load() {
        config = YamlConfigs.load(dir, CLASSES);
        subnet = config.dhcp().subnets().get(0);
        assembler = new OptionAssembler(config);
    }

    Classification in(String className, Optional<Model> model) {
        return new Classification(model, model.isPresent() ? Classification.Source.USER_CLASS
                : Classification.Source.UNKNOWN, model.map(Model::vendor), Optional.empty(),
                Optional.of(config.classes().get(className)));
    }

    /** A Gigaset the classifier knew by its OUI or option 60 only. */
    Classification gigasetOfUnknownModel(String className) {
        return new Classification(Optional.empty(), Classification.Source.UNKNOWN, Optional.of(Model.Vendor.GIGASET),
                Optional.empty(), Optional.of(config.classes().get(className)));
    }

    Assembled assemble(String className, Model model, List<Integer> prl) {
        return assembler.assemble(subnet, in(className, Optional.ofNullable(model)), prl, 600, false);
    }

    static String text(Assembled a, int code) {
        return new String(a.options().get(code), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void subnetAndLeaseOptions() {
        Assembled a = assembler.assemble(subnet, Classification.unknown(), NO_PRL, 600, false);
        assertEquals(List.of(51, 58, 59, 1, 3, 6, 15), List.copyOf(a.options().keySet()));
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, 0, 0}, a.options().get(1));
        assertArrayEquals(new byte[] {10, 77, 0, 1}, a.options().get(3));
        assertArrayEquals(new byte[] {10, 77, 0, 1, 10, 77, 0, 2}, a.options().get(6));
        assertEquals("lab.test", text(a, 15));
        assertArrayEquals(new byte[] {0, 0, 2, 88}, a.options().get(51), "600 s");
        assertArrayEquals(new byte[] {0, 0, 1, 44}, a.options().get(58), "T1 = 50 % (RFC 2131 4.4.5)");
        assertArrayEquals(new byte[] {0, 0, 2, 13}, a.options().get(59), "T2 = 87.5 % = 525");
        assertEquals(0, a.nextServer());
        assertEquals(Optional.empty(), a.file());
        assertEquals(List.of(), a.notes());
    }

    @Test
    void t1AndT2RoundDown() {
        Assembled a = assembler.assemble(subnet, Classification.unknown(), NO_PRL, 3601, false);
        assertArrayEquals(OptionBytes.u32(1800), a.options().get(58));
        assertArrayEquals(OptionBytes.u32(3150), a.options().get(59));
    }

    @Test
    void infiniteLeaseHasNoT1T2() {
        Assembled a = assembler.assemble(subnet, Classification.unknown(), NO_PRL, 0xFFFF_FFFFL, false);
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, a.options().get(51));
        assertFalse(a.options().containsKey(58));
        assertFalse(a.options().containsKey(59));
    }

    @Test
    void informRepliesCarryNoLeaseTimes() {
        // RFC 2131 4.3.5: the server MUST NOT send a lease expiration time to an INFORM client
        Assembled a = assembler.assemble(subnet, in("tftp", Optional.of(Model.ST2030S)), List.of(51, 58, 59, 67),
                600, true);
        assertFalse(a.options().containsKey(51));
        assertFalse(a.options().containsKey(58));
        assertFalse(a.options().containsKey(59));
        assertEquals("ST2030S.inf", text(a, 67), "provisioning still answered");
        assertEquals(67, a.options().keySet().iterator().next());
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"ST2030S", "ST2030M", "ST2022S", "ST2022M"})
    void httpPutsTheModelsInfUrlInOption43(Model m) {
        Assembled a = assemble("http", m, NO_PRL);
        // seed 2.5: one plain string, the URL httpd serves
        assertEquals(SuiteUrls.of(config).http(config.model(m).infName()), text(a, 43));
        String expected = m == Model.ST2022M ? "http://192.0.2.10:8080/st2022m_boot.inf"
                : "http://192.0.2.10:8080/" + m.name() + ".inf";
        assertEquals(expected, text(a, 43));
        for (int code : new int[] {66, 67, 150}) {
            assertFalse(a.options().containsKey(code), "no TFTP option " + code);
        }
        assertEquals(0, a.nextServer());
        assertEquals(Optional.empty(), a.file());
        assertEquals(List.of(), a.notes());
    }

    @Test
    void aGigasetGetsTheProfileFolderInOption114AndNoInf() {
        Assembled a = assemble("http", Model.N510, NO_PRL);
        assertEquals("http://192.0.2.10:8080/gigaset", text(a, 114), "Gigaset wiki, DHCP option 114");
        for (int code : new int[] {43, 66, 67, 150}) {
            assertFalse(a.options().containsKey(code), "no INF option " + code);
        }
        Assembled tftp = assemble("tftp", Model.N720, NO_PRL);
        assertFalse(tftp.options().containsKey(114));
        assertTrue(tftp.notes().get(0).contains("over HTTP only"), tftp.notes().toString());
    }

    @Test
    void aGigasetOfUnknownModelGetsOption114Too() {
        Assembled a = assembler.assemble(subnet, gigasetOfUnknownModel("http"), List.of(1, 3, 114), 600, false);
        assertEquals("http://192.0.2.10:8080/gigaset", text(a, 114), "the folder URL names no model");
        assertEquals(List.of(1, 3, 114), List.copyOf(a.options().keySet()).subList(0, 3), "option 55 order");
        for (int code : new int[] {43, 66, 67, 150}) {
            assertFalse(a.options().containsKey(code), "no INF option " + code);
        }
        assertEquals(List.of(), a.notes(), "no 'model unknown' note: a Gigaset needs no model");
        Assembled tftp = assembler.assemble(subnet, gigasetOfUnknownModel("tftp"), NO_PRL, 600, false);
        assertFalse(tftp.options().containsKey(114));
        assertFalse(tftp.options().containsKey(66), "no TFTP server either: profiles are HTTP only");
        assertEquals(List.of("no provisioning options: a Gigaset of unknown model reads its profile over HTTP only"),
                tftp.notes());
    }

    @Test
    void httpWithoutAModelSendsNo43AndSaysWhy() {
        Assembled a = assemble("http", null, NO_PRL);
        assertFalse(a.options().containsKey(43));
        assertEquals(1, a.notes().size());
        assertTrue(a.notes().get(0).startsWith("no option 43: the phone's model is unknown"), a.notes().get(0));
    }

    @ParameterizedTest
    @EnumSource(value = Model.class, names = {"ST2030S", "ST2030M", "ST2022S", "ST2022M"})
    void tftpNamesServerAndInf(Model m) {
        Assembled a = assemble("tftp", m, NO_PRL);
        String inf = m == Model.ST2022M ? "st2022m_boot.inf" : m.name() + ".inf";
        assertEquals("192.0.2.10", text(a, 66), "RFC 2132 9.4: a name, as text");
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 10}, a.options().get(150), "seed 2.4: 4 address bytes");
        assertEquals(inf, text(a, 67));
        assertEquals(Optional.of(inf), a.file(), "seed 4.2: the file field too");
        assertEquals(SUITE, a.nextServer());
        assertFalse(a.options().containsKey(43));
        assertEquals(Optional.empty(), a.sname());
    }

    @Test
    void tftpWithoutAModelNamesOnlyTheServer() {
        Assembled a = assemble("tftp", null, NO_PRL);
        assertTrue(a.options().containsKey(66));
        assertTrue(a.options().containsKey(150));
        assertEquals(SUITE, a.nextServer());
        assertFalse(a.options().containsKey(67));
        assertEquals(Optional.empty(), a.file());
        assertTrue(a.notes().get(0).contains("MAC-named INF (seed 2.4)"), a.notes().toString());
    }

    @Test
    void provisionNoneAndNoClassAddNothingOfTheSuite() {
        for (Assembled a : List.of(assemble("none", Model.ST2030S, NO_PRL),
                assembler.assemble(subnet, new Classification(Optional.of(Model.ST2030S),
                        Classification.Source.VENDOR_CLASS, Optional.of(Model.Vendor.THOMSON), Optional.empty(),
                        Optional.empty()), NO_PRL, 600, false))) {
            assertEquals(List.of(51, 58, 59, 1, 3, 6, 15), List.copyOf(a.options().keySet()));
            assertEquals(0, a.nextServer());
            assertEquals(Optional.empty(), a.file());
        }
    }

    @Test
    void classFileAndSnameReplaceTheBootpFields() {
        Assembled a = assemble("override", Model.ST2030S, NO_PRL);
        assertEquals(Optional.of("boot.inf"), a.file());
        assertEquals(Optional.of("pbx.lab.test"), a.sname());
        assertEquals("ST2030S.inf", text(a, 67), "seed 4.2: 67 stays, and wins on the phone");
        assertEquals(SUITE, a.nextServer());
    }

    @Test
    void vlanOptionsWhenAllRequested() {
        Assembled a = assemble("vlan", Model.ST2030S, List.of(1, 190, 191, 192));
        assertArrayEquals(new byte[] {1}, a.options().get(190));
        assertArrayEquals(new byte[] {0, 100}, a.options().get(191));
        assertArrayEquals(new byte[] {0x0F, (byte) 0xFE}, a.options().get(192), "4094, no sign trouble");
        assertEquals(List.of(), a.notes());
    }

    @Test
    void noVlanOptionsWhenNotRequested() {
        Assembled a = assemble("vlan", Model.ST2030S, List.of(1, 3, 6, 43));
        for (int code : new int[] {190, 191, 192}) {
            assertFalse(a.options().containsKey(code));
        }
        assertTrue(a.notes().get(0).startsWith("no VLAN options"), a.notes().toString());
    }

    @Test
    void vlanOptionsOnlyThoseRequested() {
        Assembled a = assemble("vlan", Model.ST2030S, List.of(192, 190));
        assertEquals(List.of(192, 190), List.copyOf(a.options().keySet()).subList(0, 2));
        assertFalse(a.options().containsKey(191));
        assertTrue(a.notes().get(0).contains("[190, 192] only"), a.notes().toString());
    }

    @Test
    void vlanRequestedButClassHasNone() {
        Assembled a = assemble("http", Model.ST2030S, List.of(190, 191, 192));
        assertFalse(a.options().containsKey(190));
    }

    @Test
    void orderFollowsOption55ThenTheRest() {
        Assembled a = assemble("tftp", Model.ST2030S, List.of(150, 67, 6, 6, 15, 252, 66));
        assertEquals(List.of(150, 67, 6, 15, 66, 51, 58, 59, 1, 3), List.copyOf(a.options().keySet()));
    }

    @Test
    void subnetMaskStaysBeforeRouter() {
        // RFC 2132 3.3: the subnet mask MUST come first when both are sent
        Assembled a = assemble("http", Model.ST2030S, List.of(3, 6, 1, 43));
        assertEquals(List.of(1, 3, 6, 43, 51, 58, 59, 15), List.copyOf(a.options().keySet()));
    }

    @Test
    void customOptionsAreAddedAndOverride() {
        Assembled a = assemble("custom", Model.ST2030S, List.of(43, 160));
        assertEquals("http://other/x.inf", text(a, 43), "the class's own 43 replaces the INF URL");
        assertEquals("http://10.77.0.1/", text(a, 160));
        assertArrayEquals(new byte[] {10, 77, 0, 1, 10, 77, 0, 2}, a.options().get(42));
        assertArrayEquals(new byte[] {-1, -1, -1, -1}, a.options().get(200));
        assertEquals(List.of(43, 160), List.copyOf(a.options().keySet()).subList(0, 2));
        assertEquals(List.of("class custom option 43 replaces the value dhcpd computed"), a.notes());
    }

    @Test
    void neverMessageTypeOrServerId() {
        Assembled a = assemble("custom", Model.ST2030S, List.of(53, 54, 55));
        assertFalse(a.options().containsKey(53));
        assertFalse(a.options().containsKey(54));
        assertFalse(a.options().containsKey(55));
    }

    @Test
    void resultIsTheCallersToChange() {
        Assembled first = assemble("http", Model.ST2030S, NO_PRL);
        first.options().get(43)[0] = 'X';
        first.options().clear();
        assertEquals("http://192.0.2.10:8080/ST2030S.inf", text(assemble("http", Model.ST2030S, NO_PRL), 43));
    }
}
