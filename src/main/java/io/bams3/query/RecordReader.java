package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BlockCodec;
import io.bams3.codec.FormatException;
import io.bams3.format.Codec;
import io.bams3.store.ObjectNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Streams the records of planned chunk reads, in order, to a consumer. On stores that take
 * parallel requests, the next ranges are fetched while the current one is decoded (bounded in
 * count and bytes); otherwise one range at a time is open. Records are decoded block by block. A missing object, a short range, a failed block CRC,
 * a whole chunk whose CRC32C or record count differs from the chunk table: all are errors.
 */
public final class RecordReader {
    /** Bytes of ranges fetched ahead and held in memory at most, per query, by default. */
    public static final long READ_AHEAD_BYTES = 64L << 20;

    private final Dataset dataset;
    private final BlockCodec codec;
    private final long readAheadBytes;
    private final FetchPool pool;

    /** A reader with a fetch pool of its own (one query in a process: the command line's case). */
    public RecordReader(Dataset dataset) {
        this(dataset, READ_AHEAD_BYTES, null);
    }

    /**
     * A reader that buffers at most {@code readAheadBytes} of fetched ranges (a server bounds this
     * per stream) and fetches on {@code pool}, or on a pool of its own for the query when null.
     */
    public RecordReader(Dataset dataset, long readAheadBytes, FetchPool pool) {
        this.dataset = dataset;
        this.codec = dataset.codec().blockCodec();
        this.readAheadBytes = readAheadBytes;
        this.pool = pool;
    }

    /** Returns the number of records passed to the consumer. */
    public long read(List<ChunkRead> reads, RecordConsumer consumer) throws IOException {
        int parallel = dataset.store().parallelism();
        if (parallel <= 1 || reads.size() <= 1) {
            long emitted = 0;
            for (ChunkRead read : reads) {
                emitted += decode(read, open(read), consumer);
            }
            return emitted;
        }
        if (pool != null) {
            return readAhead(reads, consumer, parallel, pool);
        }
        try (FetchPool own = new FetchPool(parallel)) {
            return readAhead(reads, consumer, parallel, own);
        }
    }

    /**
     * Fetches up to {@code parallel} ranges ahead (at most {@code readAheadBytes} buffered)
     * while records are decoded and emitted in order; a range too large to buffer is streamed.
     */
    private long readAhead(List<ChunkRead> reads, RecordConsumer consumer, int parallel, FetchPool pool)
            throws IOException {
        ArrayDeque<Future<byte[]>> window = new ArrayDeque<>();
        long buffered = 0;
        int next = 0;
        long emitted = 0;
        try {
            for (ChunkRead read : reads) {
                while (next < reads.size() && window.size() < parallel) {
                    long length = reads.get(next).range().length();
                    if (length > readAheadBytes / 2) {
                        if (!window.isEmpty()) {
                            break;
                        }
                        window.add(CompletableFuture.completedFuture(null));
                    } else if (buffered + length > readAheadBytes && !window.isEmpty()) {
                        break;
                    } else {
                        ChunkRead r = reads.get(next);
                        window.add(pool.submit(() -> {
                            try (InputStream in = open(r)) {
                                return in.readAllBytes();
                            }
                        }));
                        buffered += length;
                    }
                    next++;
                }
                byte[] data = FetchPool.await(window.poll(), dataset.store().location() + "/" + read.key());
                if (data == null) {
                    emitted += decode(read, open(read), consumer);
                } else {
                    buffered -= read.range().length();
                    emitted += decode(read, new ByteArrayInputStream(data), consumer);
                }
            }
        } finally {
            // a query that ends early (a failure, a client gone) stops the fetches it started
            for (Future<byte[]> f : window) {
                f.cancel(true);
            }
        }
        return emitted;
    }

    private InputStream open(ChunkRead read) {
        try {
            return dataset.store().get(read.key(), read.range());
        } catch (ObjectNotFoundException e) {
            throw dataset.missing(read.key());
        }
    }

    private long decode(ChunkRead read, InputStream raw, RecordConsumer consumer) throws IOException {
        String source = dataset.store().location() + "/" + read.key();
        if (consumer instanceof UnitConsumer units && dataset.codec() == Codec.BGZF) {
            Crc32cStream stored = new Crc32cStream(UnitCrcStream.of(read, raw, source));
            RecordTally tally = new RecordTally(read, source);
            try {
                BgzfUnits.read(read, stored, tally, units, source);
            } catch (EOFException e) {
                throw new FormatException(source + " is truncated or corrupt (" + e.getMessage() + ")", e);
            }
            tally.checkWhole(stored);
            return tally.emitted();
        }
        try (ChunkRecords records = new ChunkRecords(read, raw, codec, source)) {
            BamRecordView r;
            while ((r = records.next()) != null) {
                consumer.accept(r);
            }
            return records.emitted();
        }
    }
}
