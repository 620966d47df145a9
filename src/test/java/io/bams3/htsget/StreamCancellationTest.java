package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.catalog.CacheSettings;
import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetLocator;
import io.bams3.catalog.DatasetRoot;
import io.bams3.format.DatasetLayout;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.query.QueryPlanner;
import io.bams3.store.ByteRange;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.testing.ForwardingObjectStore;
import io.bams3.testing.ServedDatasets;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away mid-stream stops the store reads: every opened range is closed and no
 * fetch of the stream keeps running on the shared pool, with read-ahead on (a store that takes
 * parallel requests).
 */
class StreamCancellationTest {

    @Test
    void aFailingClientClosesEveryStoreStreamAndStopsFetching() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        DatasetCatalog catalog = new DatasetCatalog(
                new DatasetLocator(
                        List.of(DatasetRoot.of(ServedDatasets.localRoot().toString()))),
                S3Settings.defaults(),
                CacheSettings.defaults());
        // "zstd/chrm" is decoded record by record (no raw copy), with read-ahead over many small chunks
        ObjectStore inner = catalog.store(
                ServedDatasets.localRoot().resolve("zstd/chrm.bams3").toString());
        ObjectStore tracked = new Tracking(inner, opened, closed);
        Dataset ds = Dataset.open(tracked);
        FetchPool pool = new FetchPool(4);
        ReadsService.DataStream stream = new ReadsService.DataStream(
                ds,
                RequestParser.parseQuery("zstd/chrm", Map.of()),
                false,
                new QueryPlanner(ds).everything(),
                1 << 20,
                pool);
        OutputStream client = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 200_000) {
                    throw new IOException("connection reset by peer");
                }
            }
        };
        assertThatThrownBy(() -> stream.writeTo(client)).isInstanceOf(IOException.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((closed.get() < opened.get() || pool.active() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(opened.get()).as("ranges were opened ahead").isGreaterThan(1);
        assertThat(closed.get()).as("every opened range is closed").isEqualTo(opened.get());
        assertThat(pool.active()).as("fetches still running on the shared pool").isZero();
        assertThat(opened.get())
                .as("the stream stopped early")
                .isLessThan(new QueryPlanner(ds).everything().size());
        pool.close();
        catalog.close();
    }

    /** A store that takes parallel reads and counts opened and closed ranges. */
    private static final class Tracking extends ForwardingObjectStore {
        private final AtomicInteger opened;
        private final AtomicInteger closed;

        Tracking(ObjectStore inner, AtomicInteger opened, AtomicInteger closed) {
            super(inner);
            this.opened = opened;
            this.closed = closed;
        }

        @Override
        public InputStream get(String key, ByteRange range) {
            InputStream in = delegate.get(key, range);
            if (!key.contains(DatasetLayout.DATA_DIR)) {
                return in;
            }
            opened.incrementAndGet();
            return new FilterInputStream(in) {
                boolean done;

                @Override
                public void close() throws IOException {
                    if (!done) {
                        done = true;
                        closed.incrementAndGet();
                    }
                    super.close();
                }
            };
        }

        @Override
        public int parallelism() {
            return 4;
        }
    }
}
