package io.bams3.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds the data streams served at once. A stream holds a worker thread for as long as its client
 * takes to read it, so without a bound slow clients could hold every thread and leave none for
 * tickets and probes; past the bound a request is refused at once (503 with Retry-After) rather
 * than queued.
 */
final class StreamLimiter {
    private final int max;
    private final Semaphore permits;
    private final Duration retryAfter;

    /**
     * @param max        streams at once; must be below {@code workerThreads}
     * @param workerThreads the container's request threads
     */
    StreamLimiter(int max, int workerThreads, Duration retryAfter) {
        if (max < 1 || max >= workerThreads) {
            throw new IllegalArgumentException("bams3.limits.max-streams is " + max
                    + "; it must be at least 1 and below" + " server.tomcat.threads.max (" + workerThreads
                    + "), so that tickets and probes always find a thread");
        }
        this.max = max;
        this.permits = new Semaphore(max);
        this.retryAfter = retryAfter;
    }

    /** Takes a slot, or returns false at once when all are taken. */
    boolean tryAcquire() {
        return permits.tryAcquire();
    }

    void release() {
        permits.release();
    }

    int max() {
        return max;
    }

    int inUse() {
        return max - permits.availablePermits();
    }

    /** Seconds a refused client should wait, for the Retry-After header (at least 1). */
    long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
