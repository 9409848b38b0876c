package org.phoneprov.common.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostPortTest {
    private static String split(String v) {
        TemplateContext.HostPort hp = TemplateContext.HostPort.of(v);
        return hp.host() + "|" + hp.port();
    }

    @Test
    void aPortIsSplitOffOnlyWhenItIsOne() {
        assertEquals("pbx.lan|", split("pbx.lan"));
        assertEquals("pbx.lan|5070", split("pbx.lan:5070"));
        assertEquals("10.0.0.2|5060", split(" 10.0.0.2:05060 "));
        assertEquals("pbx.lan:0|", split("pbx.lan:0"), "not a port: all host");
        assertEquals("pbx.lan:70000|", split("pbx.lan:70000"));
        assertEquals("pbx.lan:sip|", split("pbx.lan:sip"));
        assertEquals("2001:db8::1|", split("2001:db8::1"), "a bare IPv6 address has no port");
        assertEquals("2001:db8::1|5080", split("[2001:db8::1]:5080"));
        assertEquals("2001:db8::1|", split("[2001:db8::1]"));
    }
}
