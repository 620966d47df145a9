package io.bams3.store;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Delivers exactly {@code expected} bytes, counting them; an early end is an error, not EOF. */
final class CountingStream extends FilterInputStream {
    private long remaining;
    private final StoreStats stats;

    CountingStream(InputStream in, long expected, StoreStats stats) {
        super(in);
        this.remaining = expected;
        this.stats = stats;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = super.read();
        if (b < 0) {
            throw new EOFException("object ended " + remaining + " bytes early");
        }
        remaining--;
        stats.addBytesRead(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("object ended " + remaining + " bytes early");
        }
        remaining -= n;
        stats.addBytesRead(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
