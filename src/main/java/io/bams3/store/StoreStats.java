package io.bams3.store;

import java.util.concurrent.atomic.LongAdder;

/** Requests made to a store and bytes received from it (for benchmarks and metrics). */
public final class StoreStats {
    private final LongAdder getRequests = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder otherRequests = new LongAdder();

    public void get() { getRequests.increment(); }
    public void read(long n) { bytesRead.add(n); }
    public void other() { otherRequests.increment(); }

    public long getRequests() { return getRequests.sum(); }
    public long bytesRead() { return bytesRead.sum(); }
    public long otherRequests() { return otherRequests.sum(); }

    public void reset() {
        getRequests.reset();
        bytesRead.reset();
        otherRequests.reset();
    }
}
