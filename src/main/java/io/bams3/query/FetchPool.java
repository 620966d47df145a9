package io.bams3.query;

import io.bams3.DaemonThreads;
import io.bams3.codec.FormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

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

    /**
     * The result of a fetch, waited for: a store failure as it was thrown, an I/O failure reading
     * {@code source} as a {@link FormatException} naming it (a range that cannot be read whole).
     */
    static <T> T await(Future<T> f, String source) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + source, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof IOException io) {
                throw new FormatException(source + " could not be read: " + io.getMessage(), io);
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * {@code task} applied to every item on the pool's threads, the results in item order. The
     * first failure is thrown (a runtime exception as it is) once the other tasks are cancelled.
     * Not for the pool's own threads, which would wait for themselves.
     */
    public <T, R> List<R> map(List<T> items, Function<T, R> task) {
        List<Future<R>> pending = new ArrayList<>(items.size());
        for (T item : items) {
            pending.add(threads.submit(() -> task.apply(item)));
        }
        List<R> out = new ArrayList<>(items.size());
        try {
            for (Future<R> f : pending) {
                out.add(await(f, "a parallel task"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        return out;
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
