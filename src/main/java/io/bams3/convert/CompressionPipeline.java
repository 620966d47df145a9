package io.bams3.convert;

import io.bams3.DaemonThreads;
import io.bams3.codec.BlockCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compresses units on {@code threads} workers and hands them to the {@link DatasetWriter} in the
 * order they were given, with at most {@code 4 x threads} units in flight (the memory bound of a
 * conversion). Units that need no compression (reused source blocks) keep their place in the order.
 */
final class CompressionPipeline implements AutoCloseable {
    private final BlockCodec codec;
    private final DatasetWriter writer;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Unit>> inflight = new ArrayDeque<>();
    private final int maxInflight;

    CompressionPipeline(BlockCodec codec, int threads, DatasetWriter writer) {
        this.codec = codec;
        this.writer = writer;
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("bams3-compress"));
        this.maxInflight = threads * 4;
    }

    /** Queues the records of {@code p} for compression. */
    void compress(UnitBuilder.Pending p) {
        inflight.add(pool.submit(() -> new Unit(
                p.refId(),
                p.firstPos(),
                p.lastPos(),
                p.maxEnd(),
                p.records(),
                codec.compress(p.data(), p.data().length))));
        drain(maxInflight);
    }

    /** Queues a unit that is already compressed. */
    void add(Unit compressed) {
        inflight.add(CompletableFuture.completedFuture(compressed));
        drain(maxInflight);
    }

    /** Waits for every queued unit and hands it to the writer. */
    void finish() {
        drain(0);
    }

    private void drain(int keep) {
        while (inflight.size() > keep) {
            writer.accept(await(inflight.poll()));
        }
    }

    private static Unit await(Future<Unit> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("conversion interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
