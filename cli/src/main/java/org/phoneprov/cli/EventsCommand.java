package org.phoneprov.cli;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.Event;
import org.phoneprov.common.events.EventHistory;
import org.phoneprov.common.events.EventQuery;
import org.phoneprov.common.events.EventStores;
import org.phoneprov.common.events.StoreException;
import org.phoneprov.common.mac.Mac;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phoneprov events}: where did a phone stop? */
@Command(name = "events", description = "Show recent provisioning events, of one phone with --mac.")
final class EventsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    @Mixin
    ConfigOption options;

    @Option(names = "--mac", paramLabel = "MAC")
    String mac;

    @Option(names = "--last", defaultValue = "50", paramLabel = "N")
    int last;

    @Override
    public Integer call() throws Exception {
        Quiet.logs();
        Optional<SuiteConfig> loaded = options.load();
        if (loaded.isEmpty()) {
            return 1;
        }
        Optional<Mac> m = Optional.empty();
        if (mac != null) {
            m = Mac.parse(mac);
            if (m.isEmpty()) {
                System.err.println("'" + mac + "' is not a MAC address");
                return 2;
            }
        }
        java.util.List<Event> events;
        try (EventHistory history = EventStores.reader(loaded.get())) {
            events = history.read(EventQuery.last(m, last));
        } catch (StoreException | java.io.IOException e) {
            System.err.println("phoneprov events: " + e.getMessage());
            return 1;
        }
        for (Event e : events) {
            System.out.printf("%s %-5s %-5s %-17s %-40s %-5s %8d B %7.1f ms %s%n", TIME.format(e.time()),
                    e.daemon(), e.action(), e.device().map(Mac::colon).orElse("-"), e.file(), e.result(),
                    e.bytes(), e.micros() / 1000.0,
                    e.client().map(a -> a.getAddress().getHostAddress() + ":" + a.getPort()).orElse("-"));
        }
        return 0;
    }
}
