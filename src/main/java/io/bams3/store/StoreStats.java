package io.bams3.store;

import java.util.concurrent.atomic.LongAdder;

/** Requests made to a store and bytes received from it (for benchmarks and metrics). */
public final class StoreStats {
    private final LongAdder getRequests = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();

    /** Counts one GET (a read of an object or of a range of one). */
    public void addGetRequest() {
        getRequests.increment();
    }
    /** Counts {@code n} bytes received. */
    public void addBytesRead(long n) {
        bytesRead.add(n);
    }
    /** Counts one request that is not a GET (HEAD, PUT, LIST, DELETE, multipart calls). */
    public void addOtherRequest() {
        otherRequests.increment();
    }

    public long getRequests() {
        return getRequests.sum();
    }

    public long bytesRead() {
        return bytesRead.sum();
    }

    public long otherRequests() {
        return otherRequests.sum();
    }

    public void reset() {
        getRequests.reset();
        bytesRead.reset();
        otherRequests.reset();
    }
}
