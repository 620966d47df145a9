package io.bams3.query;

import io.bams3.DaemonThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The threads that fetch small index objects alongside each other while a dataset is opened or a
 * query planned (the root header copy with the metadata, a reference table entry with its chunk
 * table, block indexes of one region). Blocking fetches do not belong in the common fork-join
 * pool, which has one thread on a two-core machine. Idle threads end; when all are busy, the
 * caller fetches itself, so a burst of queries is never queued behind others.
 */
final class IndexFetches {
    private static final int MAX_THREADS = 32;

    private static final ThreadPoolExecutor THREADS = new ThreadPoolExecutor(
            0,
            MAX_THREADS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            DaemonThreads.named("bams3-index"),
            new ThreadPoolExecutor.CallerRunsPolicy());

    private IndexFetches() {}

    static <T> CompletableFuture<T> async(Supplier<T> fetch) {
        return CompletableFuture.supplyAsync(fetch, THREADS);
    }
}
