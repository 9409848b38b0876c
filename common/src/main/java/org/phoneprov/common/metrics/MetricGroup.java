package org.phoneprov.common.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.phoneprov.common.log.ReasonCounters;

/**
 * One daemon's metrics in the suite's registry, all built the same way and unregistered
 * together when the daemon stops (so a daemon made again on the same registry starts afresh):
 * <ul>
 * <li>no exemplars: the library's default samples one on every observation, through a
 *     tracer lookup, which costs more than the count itself on httpd's request path;</li>
 * <li>classic histograms with explicit buckets only (no native histograms: Prometheus
 *     servers before 2.40 and the text format do not carry them);</li>
 * <li>the unit taken from the name's suffix ({@code _seconds}, {@code _bytes}), so the
 *     OpenMetrics {@code # UNIT} line and the name always agree.</li>
 * </ul>
 * Label values must come from bounded sets (enum names, status codes, config ids), never
 * from what a client sent.
 */
public final class MetricGroup implements AutoCloseable {
    private final PrometheusRegistry registry;
    private final List<Collector> registered = new ArrayList<>();

    public MetricGroup(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** A counter; keep the data points {@code labelValues(...)} returns, they are the cheap path. */
    public Counter counter(String name, String help, String... labels) {
        return register(unit(Counter.builder(), name).name(name).help(help).labelNames(labels).withoutExemplars()
                .build());
    }

    public Histogram histogram(String name, String help, double[] upperBounds, String... labels) {
        return register(unit(Histogram.builder(), name).name(name).help(help).labelNames(labels).classicOnly()
                .classicUpperBounds(upperBounds).withoutExemplars().build());
    }

    /** A counter read at scrape time from counts the daemon keeps anyway. */
    public void counterReading(String name, String help, Consumer<CounterWithCallback.Callback> read,
                               String... labels) {
        register(unit(CounterWithCallback.builder(), name).name(name).help(help).labelNames(labels).callback(read)
                .build());
    }

    /** A gauge read at scrape time; the callback runs on the scraping thread. */
    public void gaugeReading(String name, String help, Consumer<GaugeWithCallback.Callback> read, String... labels) {
        register(unit(GaugeWithCallback.builder(), name).name(name).help(help).labelNames(labels).callback(read)
                .build());
    }

    /**
     * A classic histogram read at scrape time, for counts kept elsewhere ({@link ThreadCounts}):
     * {@code buckets} gives how many observations fell in each bucket (not cumulated), one
     * more than {@code upperBounds} (the last is +Inf); {@code sum} their total.
     */
    public void histogramReading(String name, String help, double[] upperBounds, Supplier<long[]> buckets,
                                 DoubleSupplier sum) {
        double[] bounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        bounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        MetricMetadata metadata = new MetricMetadata(name, help, unitOf(name));
        register((Collector) () -> new HistogramSnapshot(metadata, List.of(
                HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, buckets.get()))
                        .sum(sum.getAsDouble()).build())));
    }

    /**
     * A counter with one label, {@code label}, whose values are the reasons of {@code sources}
     * in lower case ({@code TOO_SHORT} → {@code too_short}), read at scrape time. Every reason
     * is reported, zeros too, so a rate over a reason exists before it first happens. Reason
     * names must not repeat across the sources.
     */
    public void reasons(String name, String help, String label, List<? extends ReasonCounters<?>> sources) {
        counterReading(name, help, cb -> {
            for (ReasonCounters<?> s : sources) {
                s.forEach((reason, n) -> cb.call(n, labelValue(reason)));
            }
        }, label);
    }

    /** An enum constant as a label value: {@code RATE_LIMITED} → {@code rate_limited}. */
    public static String labelValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Unregisters every metric of the group; the counts they held are gone with them. */
    @Override
    public synchronized void close() {
        for (Collector c : registered) {
            registry.unregister(c);
        }
        registered.clear();
    }

    private synchronized <M extends Collector> M register(M metric) {
        registry.register(metric);
        registered.add(metric);
        return metric;
    }

    /** The unit follows from the name, so they cannot disagree. */
    private static <B extends MetricWithFixedMetadata.Builder<B, ?>> B unit(B builder, String name) {
        Unit unit = unitOf(name);
        return unit == null ? builder : builder.unit(unit);
    }

    static Unit unitOf(String name) {
        String base = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        if (base.endsWith("_seconds")) {
            return Unit.SECONDS;
        }
        return base.endsWith("_bytes") ? Unit.BYTES : null;
    }
}
