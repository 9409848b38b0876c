package org.phoneprov.common.daemon;

import java.util.function.Supplier;
import org.phoneprov.common.config.SuiteConfig;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.metrics.SuiteMetrics;
import org.phoneprov.common.net.AddressBook;
import org.phoneprov.common.provision.FileResolver;

/**
 * What the running suite shares with its daemons: the config they start with, the current
 * one (swapped on SIGHUP), the files every daemon serves, the event store, and who holds
 * which address (dhcpd writes it; the file servers name devices by it), and the metrics
 * registry each daemon adds its counters to; {@code control} is the suite itself, for a daemon
 * that manages the others; {@code pair} says which phones this node answers when two serve a site.
 */
public record SuiteServices(SuiteConfig initial, Supplier<SuiteConfig> current, Supplier<FileResolver> files,
                            EventSink events, AddressBook leased, SuiteMetrics metrics,
                            SuiteControl control, PairShare pair) {
}
