package io.bams3.convert;

import io.bams3.DaemonThreads;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes objects in the background, at most {@code maxInFlight} at a time, so that reading and
 * compressing go on while chunks upload. A caller blocks when the limit is reached (bounded
 * memory); the first failure is rethrown by the next call or by {@link #awaitAll()}.
 */
final class ObjectUploads implements AutoCloseable {
    private final ObjectStore store;
    private final ExecutorService pool;
    private final Semaphore slots;
    private final List<Future<?>> pending = new ArrayList<>();

    ObjectUploads(ObjectStore store, int maxInFlight) {
        this.store = store;
        this.slots = new Semaphore(maxInFlight);
        this.pool = Executors.newFixedThreadPool(maxInFlight, DaemonThreads.named("bams3-upload"));
    }

    /** Writes the concatenation of {@code parts} as one object. */
    void put(String key, List<byte[]> parts) {
        checkFailures();
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("conversion interrupted", e);
        }
        pending.add(pool.submit(() -> {
            try {
                ObjectStore.ObjectWriter w = store.put(key);
                try {
                    for (byte[] p : parts) {
                        w.write(p);
                    }
                    w.close();
                } catch (IOException | RuntimeException e) {
                    w.abort();
                    throw new StoreException("cannot write " + store.location() + "/" + key + ": " + e.getMessage(), e);
                }
            } finally {
                slots.release();
            }
            return null;
        }));
    }

    private void checkFailures() {
        pending.removeIf(f -> {
            if (!f.isDone()) {
                return false;
            }
            rethrow(f);
            return true;
        });
    }

    /** Waits for every write; rethrows the first failure. */
    void awaitAll() {
        for (Future<?> f : pending) {
            rethrow(f);
        }
        pending.clear();
    }

    private static void rethrow(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("conversion interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Stops; writes still running are interrupted and waited for, so none lands after this returns. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
