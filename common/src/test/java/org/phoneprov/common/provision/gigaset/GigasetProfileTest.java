package org.phoneprov.common.provision.gigaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phoneprov.common.config.ConfigLoader;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.config.TestConfigs;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.provision.Lookup;
import org.phoneprov.common.provision.ProvisioningSnapshot;
import org.phoneprov.common.provision.ServedFile;
import org.phoneprov.common.provision.SnapshotBuilder;
import org.phoneprov.common.provision.Transport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Gigaset seed, "Provisioning via Profiles"; the format from docs/vendor-formats.md section 2. */
class GigasetProfileTest {
    private static final String MAC = "7C2F80AABB01";

    @TempDir
    Path dir;

    private static String inventory(String model, String lines) {
        return TestConfigs.FULL.replace("devices:\n", "devices:\n"
                + "  - mac: 7C:2F:80:AA:BB:01\n"
                + "    model: " + model + "\n"
                + "    lines:\n" + lines);
    }

    private static final String TWO_LINES =
            "      - {number: \"301\", auth_user: \"a301\", password: \"p&<'301\", display_name: \"Zoë 301\", registrar: \"pbx.example.lan:5070\"}\n"
                    + "      - {number: \"302\", password: \"p302\", registrar: \"pbx.example.lan:5070\"}\n";

    private SnapshotBuilder.Result result(String yaml) throws Exception {
        SuiteConfig c = ConfigLoader.load(TestConfigs.write(dir, yaml)).config().orElseThrow();
        return SnapshotBuilder.build(c, Optional.empty(), 1_700_000_000_000L);
    }

    private ProvisioningSnapshot snapshot(String yaml) throws Exception {
        SnapshotBuilder.Result r = result(yaml);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        return r.snapshot().orElseThrow();
    }

    /** Parsed as a hardened parser would (no DTD), so the file is well-formed XML. */
    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static Map<String, String> items(Document doc) {
        Map<String, String> out = new HashMap<>();
        NodeList l = doc.getElementsByTagName("SYMB_ITEM");
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            assertEquals("symb_item", e.getAttribute("class"), "every SYMB_ITEM has ID, class and value");
            assertFalse(e.getAttribute("ID").isEmpty());
            assertTrue(e.hasAttribute("value"));
            assertEquals(null, out.put(e.getAttribute("ID"), e.getAttribute("value")), "an ID appears once");
        }
        return out;
    }

    private byte[] served(ProvisioningSnapshot s, String name) {
        Lookup l = s.resolve(name, Transport.HTTP);
        return ((ServedFile.Generated) assertInstanceOf(Lookup.Found.class, l).file()).bytes();
    }

    @Test
    void n510ProfileCarriesTheInventoryLinesLineOneWithoutSuffix() throws Exception {
        ProvisioningSnapshot s = snapshot(inventory("N510", TWO_LINES));
        byte[] xml = served(s, "/gigaset/" + MAC + ".xml");
        assertTrue(new String(xml, StandardCharsets.ISO_8859_1).startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"));
        Document doc = parse(xml);
        assertEquals("ProviderFrame", doc.getDocumentElement().getTagName());
        assertEquals(MAC, ((Element) doc.getElementsByTagName("MAC_ADDRESS").item(0)).getAttribute("value"),
                "the phone ignores a profile for another MAC (Wazo N720 template comment)");
        assertEquals("N510", ((Element) doc.getElementsByTagName("PROFILE_NAME").item(0)).getAttribute("value"));
        Map<String, String> it = items(doc);
        assertEquals("\"a301\"", it.get("BS_IP_Data3.aucS_SIP_LOGIN_ID"), "LOGIN_ID: the auth name");
        assertEquals("\"301\"", it.get("BS_IP_Data1.aucS_SIP_USER_ID"), "USER_ID: the SIP user");
        assertEquals("\"p&<'301\"", it.get("BS_IP_Data1.aucS_SIP_PASSWORD"), "escaped, and read back as written");
        assertEquals("\"Zoë 301\"", it.get("BS_IP_Data1.aucS_SIP_DISPLAYNAME"));
        assertEquals("\"pbx.example.lan\"", it.get("BS_IP_Data1.aucS_SIP_REGISTRAR"));
        assertEquals("0x13ce", it.get("BS_IP_Data1.uiI_SIP_REGISTRAR_PORT"), "5070 in hex, as Wazo writes ports");
        assertEquals("\"302\"", it.get("BS_IP_Data3.aucS_SIP_LOGIN_ID_2"), "line 2 has _2; auth user defaults to the number");
        assertEquals("0x1", it.get("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_1"));
        assertEquals("0x1", it.get("BS_IP_Data1.ucB_SIP_ACCOUNT_IS_ACTIVE_2"));
        assertEquals("\"192.0.2.10:8080/gigaset\"", it.get("BS_IP_Data1.aucS_DATA_SERVER[0]"),
                "later checks come back to this suite");
        assertFalse(it.containsKey("BS_IP_Data1.aucS_SIP_LOGIN_ID_1"), "line 1 has no suffix");
    }

    @Test
    void lookupIgnoresCaseAndAnUnknownMacGetsNothing() throws Exception {
        ProvisioningSnapshot s = snapshot(inventory("N510", TWO_LINES));
        served(s, "gigaset/7c2f80aabb01.xml");
        assertInstanceOf(Lookup.NotFound.class, s.resolve("/gigaset/7C2F80AABB02.xml", Transport.HTTP));
        assertEquals(1, s.filesOf(Mac.parse(MAC).orElseThrow(), Transport.HTTP).size(), "a Gigaset's one file");
    }

    @Test
    void n720ProfileHasOneProviderAndPerAccountCredentials() throws Exception {
        Map<String, String> it = items(parse(served(snapshot(inventory("N720", TWO_LINES)), "/gigaset/" + MAC + ".xml")));
        assertEquals("\"a301\"", it.get("BS_VOIP_Data.astVoipAccounts[0].aucS_SIP_LOGIN_ID[0]"));
        assertEquals("\"302\"", it.get("BS_VOIP_Data.astVoipAccounts[1].aucS_SIP_USER_ID[0]"));
        assertEquals("\"pbx.example.lan\"", it.get("BS_VOIP_Data.astVoipProviders[0].aucSIP_REGISTRAR[%]"));
        assertEquals("0x13ce", it.get("BS_VOIP_Data.astVoipProviders[0].uiSIP_REGISTRAR_PORT"));
        assertEquals("\"http://192.0.2.10:8080/gigaset\"", it.get("BS_IP_Data.aucS_DATA_SERVER[%]"));
    }

    @Test
    void n720LinesOnTwoServersAreRefusedWithTheirLocation() throws Exception {
        SnapshotBuilder.Result r = result(inventory("N720",
                "      - {number: \"301\", registrar: pbx1.example.lan}\n"
                        + "      - {number: \"302\", registrar: pbx2.example.lan}\n"));
        assertTrue(r.snapshot().isEmpty());
        assertTrue(r.problems().toString().contains("one SIP provider: lines [2]"), r.problems().toString());
    }

    @Test
    void aQuoteInAValueIsAConfigProblemNotABrokenProfile() throws Exception {
        SnapshotBuilder.Result r = result(inventory("N510", "      - {number: \"301\", display_name: 'Bob \"B\"', registrar: pbx}\n"));
        assertTrue(r.snapshot().isEmpty());
        assertTrue(r.problems().toString().contains("cannot carry a '\"'"), r.problems().toString());
    }

    @Test
    void aSuiteNameAProfileCannotCarryIsAConfigProblemNotAnException() throws Exception {
        SnapshotBuilder.Result r = result(inventory("N510", TWO_LINES).replace("name: office", "name: 'the \"office\"'"));
        assertTrue(r.snapshot().isEmpty());
        assertTrue(r.problems().toString().contains("suite.name"), r.problems().toString());
        assertTrue(r.problems().toString().contains("cannot carry a '\"'"), r.problems().toString());
    }

    @Test
    void c470ProfileUsesGigasetsElementPerSettingFormat() throws Exception {
        Document doc = parse(served(snapshot(inventory("C470", TWO_LINES)), "/gigaset/" + MAC + ".xml"));
        assertEquals("a301", ((Element) doc.getElementsByTagName("S_SIP_LOGIN_ID_1").item(0)).getAttribute("value"));
        assertEquals("302", ((Element) doc.getElementsByTagName("S_SIP_USER_ID_2").item(0)).getAttribute("value"));
        assertEquals("5070", ((Element) doc.getElementsByTagName("I_SIP_SERVER_PORT_1").item(0)).getAttribute("value"));
        assertEquals(MAC, ((Element) doc.getElementsByTagName("MAC_ADDRESS").item(0)).getAttribute("value"));
    }

    @Test
    void aGigasetModelTakesNoModelsSettings() throws Exception {
        var loaded = ConfigLoader.load(TestConfigs.write(dir, TestConfigs.FULL.replace("models:\n", "models:\n  N510: {}\n")));
        assertTrue(loaded.config().isEmpty(), "models: N510 is refused");
        List<String> problems = loaded.problems().stream().map(Object::toString).toList();
        assertTrue(problems.toString().contains("a Gigaset model has no models: settings"), problems.toString());
    }

    /** Every model's profile, with every line a model takes, against the format's rules (provider-frame.xsd). */
    @Test
    void everyModelsProfileFollowsTheFormatsRules() throws Exception {
        javax.xml.validation.Schema schema = javax.xml.validation.SchemaFactory
                .newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(GigasetProfileTest.class.getResource("/gigaset/provider-frame.xsd"));
        StringBuilder four = new StringBuilder(TWO_LINES);
        for (int n = 303; n <= 304; n++) {
            four.append("      - {number: \"").append(n).append("\", password: \"p").append(n)
                    .append("\", registrar: \"pbx.example.lan:5070\"}\n");
        }
        for (String model : List.of("N510", "N720", "C470", "C590")) {
            for (String lines : List.of(TWO_LINES, four.toString())) {
                byte[] xml = served(snapshot(inventory(model, lines)), "/gigaset/" + MAC + ".xml");
                Document doc = parse(xml);
                javax.xml.validation.Validator v = schema.newValidator();
                v.validate(new javax.xml.transform.dom.DOMSource(doc));
                NodeList top = doc.getDocumentElement().getChildNodes();
                boolean pastHeader = false;
                for (int i = 0; i < top.getLength(); i++) {
                    if (top.item(i) instanceof Element e) {
                        if (pastHeader) {
                            // The element-per-setting form: each setting has a class the form knows and a value.
                            assertTrue(List.of("string", "integer", "boolean").contains(e.getAttribute("class")),
                                    model + ": " + e.getTagName() + " class=" + e.getAttribute("class"));
                            assertTrue(e.hasAttribute("value"), model + ": " + e.getTagName());
                            assertTrue(e.getTagName().matches("[SIB]_[A-Z0-9_]+"), model + ": " + e.getTagName());
                        }
                        pastHeader |= e.getTagName().equals("PROFILE_NAME");
                    }
                }
            }
        }
    }
}
