package org.phoneprov.httpd.redirect;

/** The registry's decisions over a map. */
class RedirectRegistryMemoryTest extends RedirectRegistryContract {
    private MemoryRegistrations map;

    @Override
    Registrations newStore() {
        map = new MemoryRegistrations();
        return map;
    }

    @Override
    Registrations reopened() {
        return map;
    }
}
