package io.bams3.web;

import io.bams3.DaemonThreads;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetRoot;
import io.bams3.store.ObjectStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether every dataset root answers (one HEAD request each, within a time limit). Part of the
 * readiness group only: a store outage takes pods out of the load balancer but does not restart them.
 */
@Component("store")
class StoreHealthIndicator implements HealthIndicator, AutoCloseable {
    static final String PROBE_KEY = "_health-probe";
    private static final Duration LIMIT = Duration.ofSeconds(2);

    private final DatasetCatalog catalog;
    private final ExecutorService probes = Executors.newCachedThreadPool(DaemonThreads.named("bams3-store-probe"));

    StoreHealthIndicator(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (DatasetRoot root : catalog.locator().roots()) {
            String location = root.base();
            CompletableFuture<Void> probe = CompletableFuture.runAsync(
                    () -> {
                        ObjectStore store = catalog.store(location);
                        store.head(PROBE_KEY);
                    },
                    probes);
            try {
                probe.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                health.withDetail(location, "reachable");
            } catch (TimeoutException e) {
                probe.cancel(true);
                return Health.down()
                        .withDetail(location, "no answer within " + LIMIT.toSeconds() + " s")
                        .build();
            } catch (ExecutionException e) {
                return Health.down()
                        .withDetail(location, String.valueOf(e.getCause().getMessage()))
                        .build();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down().withDetail(location, "interrupted").build();
            }
        }
        return health.build();
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
