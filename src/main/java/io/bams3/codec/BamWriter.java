package io.bams3.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Writes a BAM file: the header in its own BGZF block(s), then records packed into blocks that
 * each start at a record boundary, then the EOF block. Streams; holds one block in memory, or,
 * with compression threads, up to {@code 4 x threads} blocks being compressed (written in order).
 */
public final class BamWriter implements AutoCloseable {
    private final OutputStream out;
    private final BgzfBlockCodec codec;
    private final ExecutorService pool;
    private final int maxInflight;
    private final ArrayDeque<Future<byte[]>> inflight = new ArrayDeque<>();
    private byte[] buf = new byte[BgzfBlockCodec.MAX_BLOCK_DATA];
    private int length;
    private boolean closed;

    private final boolean eof;

    public BamWriter(OutputStream out, BamHeader header) throws IOException {
        this(out, header, Deflater.DEFAULT_COMPRESSION, 0);
    }

    /**
     * A BAM writer compressing at deflate {@code level} (0: stored, uncompressed BGZF blocks; -1:
     * zlib's default) on {@code threads} worker threads (0: on the caller's thread).
     */
    public BamWriter(OutputStream out, BamHeader header, int level, int threads) throws IOException {
        this(out, true, level, threads);
        byte[] h = header.toBamBytes();
        codec.write(h, h.length, out);
    }

    private BamWriter(OutputStream out, boolean eof, int level, int threads) {
        if (level < -1 || level > 9 || threads < 0) {
            throw new IllegalArgumentException("compression level " + level + " / threads " + threads);
        }
        this.out = out;
        this.eof = eof;
        this.codec = new BgzfBlockCodec(level);
        this.pool = threads == 0 ? null : workers(threads);
        this.maxInflight = 4 * threads;
    }

    /**
     * {@code threads} daemon workers that end after a second idle, so a writer abandoned after an
     * error (never closed) leaves no thread behind.
     */
    private static ExecutorService workers(int threads) {
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "bams3-bam-writer");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A writer of record blocks only: no header and no EOF block, for a part of a BAM whose
     * header and EOF come from elsewhere (an htsget ticket's inline blocks).
     */
    public static BamWriter recordsOnly(OutputStream out) {
        return new BamWriter(out, false, Deflater.DEFAULT_COMPRESSION, 0);
    }

    /** The BGZF block(s) of a header, as the start of a BAM. */
    public static byte[] headerBlocks(BamHeader header) {
        byte[] h = header.toBamBytes();
        return new BgzfBlockCodec().compress(h, h.length);
    }

    public void write(BamRecordView r) throws IOException {
        int n = r.totalLength();
        if (length > 0 && length + n > BgzfBlockCodec.MAX_BLOCK_DATA) {
            flushBlock();
        }
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, length + n);
        }
        System.arraycopy(r.buffer(), r.offset(), buf, length, n);
        length += n;
        if (length >= BgzfBlockCodec.MAX_BLOCK_DATA) {
            flushBlock();
        }
    }

    /**
     * Ends the pending block and writes {@code len} bytes of already compressed BGZF blocks from
     * {@code blocks[off]} as they are; they must start at a record boundary and end at one.
     */
    public void writeBlocks(byte[] blocks, int off, int len) throws IOException {
        flushBlock();
        drain(0);
        out.write(blocks, off, len);
    }

    private void flushBlock() throws IOException {
        if (length > 0) {
            if (pool == null) {
                codec.write(buf, length, out);
            } else {
                byte[] data = Arrays.copyOf(buf, length);
                inflight.add(pool.submit(() -> codec.compress(data, data.length)));
                drain(maxInflight);
            }
            length = 0;
        }
    }

    /** Writes compressed blocks, in order, until at most {@code keep} are still in flight. */
    private void drain(int keep) throws IOException {
        while (inflight.size() > keep) {
            try {
                out.write(inflight.poll().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while compressing", e);
            } catch (ExecutionException e) {
                throw new IOException("compressing a BGZF block failed", e.getCause());
            }
        }
    }

    /** Writes the pending block and the EOF marker (unless records-only) and flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushBlock();
            drain(0);
            if (eof) {
                out.write(BgzfBlockCodec.EOF_BLOCK);
            }
            out.flush();
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }
}
