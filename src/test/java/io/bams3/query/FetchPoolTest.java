package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing the shared fetch pool (server shutdown) fails the fetches still queued instead of leaving them waited for. */
class FetchPoolTest {

    @Test
    void closingCancelsQueuedFetchesSoTheirStreamsFailAtOnce() throws Exception {
        FetchPool pool = new FetchPool(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Future<byte[]> busy = pool.submit(() -> {
            running.countDown();
            never.await();
            return new byte[0];
        });
        Future<byte[]> queued = pool.submit(() -> new byte[1]);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        pool.close();
        assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> busy.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InterruptedException.class);
    }
}
