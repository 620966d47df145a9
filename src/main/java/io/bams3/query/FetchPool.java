package io.bams3.query;

import io.bams3.DaemonThreads;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The threads that fetch chunk ranges ahead of decoding. A server shares one bounded pool among
 * all its streams (fetches of one stream queue behind those of others rather than adding
 * threads); a command-line query has its own for its duration.
 */
public final class FetchPool implements AutoCloseable {
    private final ThreadPoolExecutor threads;

    public FetchPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a fetch pool needs at least one thread");
        }
        this.threads = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads, DaemonThreads.named("bams3-fetch"));
    }

    <T> Future<T> submit(Callable<T> fetch) {
        return threads.submit(fetch);
    }

    /** Fetches running now. */
    public int active() {
        return threads.getActiveCount();
    }

    /**
     * Stops the threads. Fetches still queued are cancelled rather than dropped, so a stream
     * waiting for one fails at once instead of waiting for ever.
     */
    @Override
    public void close() {
        for (Runnable queued : threads.shutdownNow()) {
            if (queued instanceof Future<?> fetch) {
                fetch.cancel(true);
            }
        }
    }
}
