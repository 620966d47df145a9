package io.bams3.testing;

import io.bams3.store.ByteRange;
import io.bams3.store.ObjectStore;
import io.bams3.store.StoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that records every GET: the key, the bytes the reader took, and its <em>round</em>: one
 * more than the highest round among the requests that had completed (their stream closed) when it
 * started. Requests issued together, as parallel fetches are, share a round; a request that needs
 * the answer of another comes a round later. So the round of the first chunk request, minus one,
 * is the number of sequential round trips a query made before its first chunk byte.
 *
 * <p>Rounds are read from timing, so a request that a busy machine starts late would count as
 * depending on those that finished meanwhile. A {@code latency} (what an S3 request costs before
 * its first byte, tens of milliseconds) added to every request keeps the machine's scheduling
 * delays small against it, as they are against a real store.
 */
public final class RequestRecorder extends ForwardingObjectStore {
    /** One GET. */
    public record Request(String key, ByteRange range, int round, long bytes) {}

    private final List<Request> done = new ArrayList<>();
    private int highestCompletedRound;
    private final Duration latency;

    public RequestRecorder(ObjectStore delegate) {
        this(delegate, Duration.ZERO);
    }

    /** Records requests that each take {@code latency} longer than {@code delegate} answers them. */
    public RequestRecorder(ObjectStore delegate, Duration latency) {
        super(delegate);
        this.latency = latency;
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        int round;
        synchronized (this) {
            round = highestCompletedRound + 1;
        }
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while reading " + key);
            }
        }
        InputStream in = delegate.get(key, range);
        return new FilterInputStream(in) {
            private long bytes;
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (closed.compareAndSet(false, true)) {
                    completed(new Request(key, range, round, bytes));
                }
            }
        };
    }

    private synchronized void completed(Request r) {
        done.add(r);
        highestCompletedRound = Math.max(highestCompletedRound, r.round());
    }

    public synchronized List<Request> requests() {
        return List.copyOf(done);
    }
}
