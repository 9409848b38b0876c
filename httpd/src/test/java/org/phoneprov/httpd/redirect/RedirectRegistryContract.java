package org.phoneprov.httpd.redirect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import org.phoneprov.common.mac.MacId;

/** The registry's decisions, run over the in-memory map and over the SQLite store. */
abstract class RedirectRegistryContract {
    static final String ID = "7C2F80123456-1A2B";
    static final String MAC = "7C2F80123456";
    static final String URL = "https://prov.example.com/%MACD/%DVID/";
    static final Mac THE_MAC = Mac.parse(MAC).orElseThrow();

    final AtomicLong now = new AtomicLong(1_000);
    Registrations store;
    RedirectRegistry registry;

    /** A fresh, empty store for one test. */
    abstract Registrations newStore() throws Exception;

    /** The same data as seen after a restart (the map: itself). */
    abstract Registrations reopened() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = new Counting(newStore());
        registry = new RedirectRegistry(store, now::get);
    }

    /** Counts the writes that reach a store. */
    static final class Counting implements Registrations {
        final Registrations inner;
        int writes;

        Counting(Registrations inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Registration> find(Mac mac) throws StoreException {
            return inner.find(mac);
        }

        @Override
        public void put(Registration r) throws StoreException {
            writes++;
            inner.put(r);
        }

        @Override
        public boolean remove(Mac mac) throws StoreException {
            writes++;
            return inner.remove(mac);
        }
    }

    static RedirectRegistry.Result ok(String message) {
        return new RedirectRegistry.Result(true, message);
    }

    static RedirectRegistry.Result no(String message) {
        return new RedirectRegistry.Result(false, message);
    }

    @Test
    void registerCheckLookupDeregister() throws Exception {
        assertEquals(no("mac_not_found:" + MAC), registry.check("acme", ID));
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "peoplefone"));
        assertEquals(ok(MAC), registry.check("acme", ID));
        Registration r = registry.lookup(THE_MAC).orElseThrow();
        assertEquals(new Registration(MacId.parse(ID).orElseThrow(), URL, "acme", "peoplefone", 1_000, 1_000), r);
        assertEquals(ok("ok"), registry.deregister("acme", ID));
        assertEquals(Optional.empty(), registry.lookup(THE_MAC));
        assertEquals(no("mac_not_found:" + MAC), registry.check("acme", ID));
        assertEquals(no("mac_not_found:" + MAC), registry.deregister("acme", ID));
    }

    @Test
    void theMacIdIsReadInAnyCaseAndResultsNameThe12HexDigits() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", "7c2f80123456-1a2b", URL, "p"));
        assertEquals(ok(MAC), registry.check("acme", " 7C2F80123456-1A2B "));
        assertEquals(Optional.of("1A2B"), registry.lookup(THE_MAC).orElseThrow().macId().check());
    }

    @Test
    void aBareMacWorksAndIsMatchedByAnyMacIdOfIt() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", "7C:2F:80:12:34:56", URL, "p"));
        assertEquals(ok(MAC), registry.check("acme", ID));
        assertEquals(ok(MAC), registry.check("acme", MAC));
        // registering again with the MAC-ID fills in the check part
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "p"));
        assertEquals(Optional.of("1A2B"), registry.lookup(THE_MAC).orElseThrow().macId().check());
        assertEquals(no("mac_not_exist:" + MAC), registry.check("acme", "7C2F80123456-9999"));
    }

    @Test
    void theSameProviderRegisteringAgainUpdatesAndKeepsTheCreationTime() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "p"));
        now.set(5_000);
        assertEquals(ok("ok"), registry.register("acme", MAC, "http://other.example/", "q"));
        Registration r = registry.lookup(THE_MAC).orElseThrow();
        assertEquals(new Registration(MacId.parse(ID).orElseThrow(), "http://other.example/", "acme", "q", 1_000, 5_000), r);
    }

    @Test
    void anotherProvidersMacIsAlreadyInUseAndOtherwiseInvisible() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "p"));
        int writes = writes();
        // "mac_already_in_use" = owned by another provisioner; even with a wrong check part
        assertEquals(no("mac_already_in_use:" + MAC), registry.register("other", ID, "http://x.example/", "o"));
        assertEquals(no("mac_already_in_use:" + MAC), registry.register("other", "7C2F80123456-ZZZZ", URL, "o"));
        // check and deregister do not reveal it, and do not remove it
        assertEquals(no("mac_not_found:" + MAC), registry.check("other", ID));
        assertEquals(no("mac_not_found:" + MAC), registry.deregister("other", ID));
        assertEquals(writes, writes());
        assertEquals("acme", registry.lookup(THE_MAC).orElseThrow().provider());
        assertEquals(URL, registry.lookup(THE_MAC).orElseThrow().url());
        // once acme lets it go, another provider may take it
        assertEquals(ok("ok"), registry.deregister("acme", MAC));
        assertEquals(ok("ok"), registry.register("other", ID, "http://x.example/", "o"));
    }

    @Test
    void aContradictingCheckPartIsMacNotExist() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "p"));
        String wrong = "7C2F80123456-1A2C";
        assertEquals(no("mac_not_exist:" + MAC), registry.register("acme", wrong, "http://x.example/", "p"));
        assertEquals(no("mac_not_exist:" + MAC), registry.check("acme", wrong));
        assertEquals(no("mac_not_exist:" + MAC), registry.deregister("acme", wrong));
        assertEquals(URL, registry.lookup(THE_MAC).orElseThrow().url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "7C2F80123456-", "7C2F8012345", "hello", "7C:2F:80:12:34:5G",
            "7C2F80123456-1A2B-", "7C2F80123456 1A2B"})
    void anInvalidMacIdIsEchoedAsGiven(String bad) throws Exception {
        assertEquals(no("mac_invalid:" + bad), registry.register("acme", bad, URL, "p"));
        assertEquals(no("mac_invalid:" + bad), registry.check("acme", bad));
        assertEquals(no("mac_invalid:" + bad), registry.deregister("acme", bad));
        assertEquals(0, writes());
    }

    @Test
    void anInvalidCheckPartEchoesThe12HexDigits() throws Exception {
        // peoplefone compares with 'mac_invalid:'.substr($macid, 0, 12)
        assertEquals(no("mac_invalid:" + MAC), registry.register("acme", "7c2f80123456-1A2!", URL, "p"));
        assertEquals(no("mac_invalid:" + MAC), registry.check("acme", "7C2F80123456-1A2_"));
        assertEquals(no("mac_invalid:" + MAC), registry.deregister("acme", "7C2F80123456-ÄÄÄÄ"));
    }

    @Test
    void aLongInvalidMacIdIsEchoedCut() throws Exception {
        String bad = "x".repeat(1000);
        assertEquals(no("mac_invalid:" + "x".repeat(RedirectRegistry.MAX_ECHO)), registry.check("acme", bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ftp://prov.example.com/", "tftp://10.0.0.1/", "prov.example.com/x", "http://",
            "http:///path", "https://user:pw@prov.example.com/", "http://prov example.com/", "http://prov.example.com/a b",
            "http://prov.example.com:0/", "http://prov.example.com:65536/", "http://prov.example.com:/",
            "http://prov.example.com:8o/", "http://-bad.example.com/", "http://bad..example.com/", "http://[zz::1]/",
            "http://[::1", "http://[::1]x/", "http://prov.exämple.com/", "http://prov.example.com/\u0007",
            "javascript:alert(1)", "http://.example.com/", "http://example.com./", "http://x/<script>",
            "http://x/\"q\"", "http://x/a{b}", "http://x/a|b", "http://x/a\\b", "http://x/a^b", "http://x/a`b"})
    void anInvalidUrlIsUrlInvalidWithTheUrlAsGiven(String bad) throws Exception {
        assertEquals(no("url_invalid:" + bad), registry.register("acme", ID, bad, "p"));
        assertEquals(0, writes());
        assertEquals(Optional.empty(), registry.lookup(THE_MAC));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://prov.example.com", "HTTPS://Prov.Example.COM:8443/x?mac=%MACD#f",
            "http://10.0.0.1/%MACD.xml", "http://[2001:db8::1]:8080/", "https://a/", "http://h/%DVID/settings-%MACD.xml",
            "http://prov.example.com/path;p=1?q=a&b=c"})
    void validUrlsAreAccepted(String url) throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, url, "p"));
        assertEquals(url, registry.lookup(THE_MAC).orElseThrow().url());
    }

    @Test
    void theUrlIsAtMost255Characters() throws Exception {
        String base = "http://prov.example.com/";
        String max = base + "a".repeat(RedirectRegistry.MAX_URL_LENGTH - base.length());
        String over = max + "a";
        assertEquals(no("url_invalid:" + over), registry.register("acme", ID, over, "p"));
        assertEquals(ok("ok"), registry.register("acme", ID, max, "p"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "a\u0000b", "line\nbreak", "bell\u0007", "zero\u200Bwidth", "pri\uE000vate",
            "sep\u2028arator", "lone\uD800surrogate"})
    void anInvalidNameIsNameInvalidWithTheNameAsGiven(String bad) throws Exception {
        assertEquals(no("name_invalid:" + bad), registry.register("acme", ID, URL, bad));
        assertEquals(0, writes());
    }

    @Test
    void aNameIsOneTo64PrintableCharacters() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "Acme & Söhne GmbH (Zürich) 电话"));
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "x".repeat(64)));
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "\uD83D\uDCDE".repeat(64))); // 64 code points
        String long65 = "x".repeat(65);
        assertEquals(no("name_invalid:" + long65), registry.register("acme", ID, URL, long65));
    }

    @Test
    void checksRunInParameterOrder() throws Exception {
        assertEquals(no("mac_invalid:bad"), registry.register("acme", "bad", "ftp://x", ""));
        assertEquals(no("url_invalid:ftp://x"), registry.register("acme", ID, "ftp://x", ""));
        assertEquals(no("name_invalid:"), registry.register("acme", ID, URL, ""));
    }

    @Test
    void theProviderAccountIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> registry.check(null, ID));
        assertThrows(IllegalArgumentException.class, () -> registry.register(" ", ID, URL, "p"));
    }

    @Test
    void registrationsSurviveARestart() throws Exception {
        assertEquals(ok("ok"), registry.register("acme", ID, URL, "p"));
        assertEquals(ok("ok"), registry.register("acme", "7C2F80000001", "http://b.example/", "q"));
        assertEquals(ok("ok"), registry.register("acme", "7C2F80000002-ABCD", "http://c.example/", "r"));
        assertEquals(ok("ok"), registry.deregister("acme", "7C2F80000002"));
        RedirectRegistry after = new RedirectRegistry(reopened(), now::get);
        assertEquals(ok(MAC), after.check("acme", ID));
        assertEquals("http://b.example/", after.lookup(Mac.parse("7C2F80000001").orElseThrow()).orElseThrow().url());
        assertTrue(after.lookup(Mac.parse("7C2F80000001").orElseThrow()).orElseThrow().macId().check().isEmpty());
        assertEquals(Optional.empty(), after.lookup(Mac.parse("7C2F80000002").orElseThrow()));
        assertEquals(no("mac_already_in_use:" + MAC), after.register("other", ID, URL, "o"));
    }

    int writes() {
        return ((Counting) store).writes;
    }

    @Test
    void failedCallsLeaveTheStoreEmpty() throws Exception {
        registry.register("acme", "nope", URL, "p");
        registry.register("acme", ID, "ftp://x", "p");
        registry.register("acme", ID, URL, "");
        registry.check("acme", ID);
        registry.deregister("acme", ID);
        assertEquals(0, writes());
        assertFalse(reopened().find(THE_MAC).isPresent());
    }
}
