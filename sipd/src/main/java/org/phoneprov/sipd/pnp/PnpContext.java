package org.phoneprov.sipd.pnp;

import java.time.Clock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.config.SipdSettings;
import org.phoneprov.common.events.EventSink;
import org.phoneprov.common.log.RateLimitedLog;

/**
 * What every plug-and-play handler of one server shares. It all runs on the one sipd
 * event loop: the decision's rate buckets and the reply builder are not thread-safe.
 *
 * @param settings read per request, so a reload swaps the rules
 * @param clock    the time events are recorded with
 * @param nanoTime durations and rate buckets; the decoder's clock too
 */
public record PnpContext(Supplier<SipdSettings.Pnp> settings, PnpDecision decision, PnpReplies replies,
                         PnpCounters counters, EventSink events, RateLimitedLog log, Clock clock,
                         LongSupplier nanoTime) {
}
