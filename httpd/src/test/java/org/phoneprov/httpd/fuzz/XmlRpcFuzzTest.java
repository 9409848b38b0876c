package org.phoneprov.httpd.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.httpd.redirect.RedirectRegistry;
import org.phoneprov.httpd.redirect.Registration;
import org.phoneprov.httpd.redirect.Registrations;
import org.phoneprov.httpd.redirect.XmlRpcService;
import org.w3c.dom.Document;

/**
 * Any request body at {@code /apxml/rpc.do}, as {@link XmlRpcService#handle} sees it once the
 * provider is authenticated: it never throws, its answer is a well-formed XML-RPC
 * {@code methodResponse} (params or fault) without a DTD, and a fault has changed nothing in
 * the store. Hostile documents (DTDs, entities, deep nesting, huge text) are in the seeds.
 *
 * <p>Regression inputs: {@code src/test/resources/org/phoneprov/httpd/fuzz/XmlRpcFuzzTestInputs/call/}.
 * Fuzzing: {@code fuzz/run.sh 10 xmlrpc}.
 */
class XmlRpcFuzzTest {
    /** A map, counting writes. */
    static final class Rows implements Registrations {
        final Map<Mac, Registration> rows = new ConcurrentHashMap<>();
        int writes;

        @Override
        public Optional<Registration> find(Mac mac) {
            return Optional.ofNullable(rows.get(mac));
        }

        @Override
        public void put(Registration r) {
            writes++;
            rows.put(r.mac(), r);
        }

        @Override
        public boolean remove(Mac mac) {
            writes++;
            return rows.remove(mac) != null;
        }
    }

    @FuzzTest(maxDuration = "10m")
    void call(byte[] body) throws Exception {
        Rows rows = new Rows();
        XmlRpcService service = new XmlRpcService(new RedirectRegistry(rows, () -> 1_700_000_000_000L));
        XmlRpcService.Reply reply = service.handle("acme", body);
        assertNotNull(reply.body());
        assertNotNull(reply.summary());
        assertTrue(reply.summary().chars().allMatch(c -> c >= 0x20 && c != 0x7f), "one printable log line");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(reply.body()));
        assertEquals("methodResponse", doc.getDocumentElement().getTagName());
        boolean fault = doc.getElementsByTagName("fault").getLength() == 1;
        assertEquals(reply.fault(), fault, "the reply says what its body is");
        if (reply.fault()) {
            assertEquals(0, rows.writes, "a fault stores nothing");
        }
    }
}
