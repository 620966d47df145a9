package io.bams3.store;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that upload the parts of multipart uploads, shared by every upload of one
 * {@link S3Clients}. At most {@code slots} parts are queued or being sent at once, whatever the
 * number of objects being written: a writer that hands over a part when every slot is taken waits
 * for one. The memory of the parts in flight is therefore at most {@code slots} part buffers.
 */
final class PartUploadPool implements AutoCloseable {
    private final Semaphore slots;
    private final ExecutorService threads;

    PartUploadPool(int slots) {
        this.slots = new Semaphore(slots);
        AtomicInteger count = new AtomicInteger();
        // daemon threads: a pool left behind never keeps the JVM alive
        this.threads = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "bams3-part-upload-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} on the pool once a slot is free (waiting for one). The future completes
     * when the task has ended, with its result or its failure; its slot is free again by then.
     */
    <T> CompletableFuture<T> submit(Callable<T> task) throws InterruptedException {
        slots.acquire();
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = task.call();
                } catch (Throwable t) {
                    failure = t;
                }
                slots.release();
                if (failure == null) {
                    done.complete(result);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            throw new StoreException("the S3 clients are closed", e);
        }
        return done;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
