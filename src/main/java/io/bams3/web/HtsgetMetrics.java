package io.bams3.web;

import io.bams3.catalog.DatasetCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Meters of the service: tickets and data requests by outcome (with latency histograms), bytes
 * and records streamed, requests and bytes to the store, and the catalog's cache statistics.
 */
@Component
class HtsgetMetrics {
    private final MeterRegistry registry;

    HtsgetMetrics(MeterRegistry registry, DatasetCatalog catalog, StreamLimiter streams) {
        this.registry = registry;
        Gauge.builder("bams3.data.streams.active", streams, StreamLimiter::inUse)
                .description("data streams being served")
                .register(registry);
        Gauge.builder("bams3.data.streams.max", streams, StreamLimiter::max)
                .description("data streams served at once at most (bams3.limits.max-streams)")
                .register(registry);
        var stats = catalog.stats();
        FunctionCounter.builder("bams3.store.requests", stats, s -> s.getRequests())
                .tag("kind", "get")
                .description("GET requests to the object store")
                .register(registry);
        FunctionCounter.builder("bams3.store.requests", stats, s -> s.otherRequests())
                .tag("kind", "other")
                .description("other requests to the object store")
                .register(registry);
        FunctionCounter.builder("bams3.store.bytes", stats, s -> s.bytesRead())
                .baseUnit("bytes")
                .description("bytes read from the object store")
                .register(registry);
        CaffeineCacheMetrics.monitor(registry, catalog.datasetCache(), "bams3.datasets");
        CaffeineCacheMetrics.monitor(registry, catalog.indexCache(), "bams3.block-indexes");
    }

    void ticket(String mode, String outcome, long nanos) {
        Timer.builder("bams3.tickets")
                .description("htsget ticket requests")
                .tag("mode", mode)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void data(String format, String outcome, long nanos, long bytes) {
        Timer.builder("bams3.data.requests")
                .description("data endpoint streams")
                .tag("format", format)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("bams3.data.bytes")
                .baseUnit("bytes")
                .description("bytes streamed by the data endpoint")
                .tag("format", format)
                .register(registry)
                .increment(bytes);
    }

    /**
     * Forgets the tickets and data requests counted so far: the warm-up's own, made before the
     * server reports ready, are not the service's traffic. The meters come back with the next request.
     */
    void forgetRequests() {
        for (String name : List.of("bams3.tickets", "bams3.data.requests", "bams3.data.bytes")) {
            registry.find(name).meters().forEach(registry::remove);
        }
    }
}
