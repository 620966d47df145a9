package io.bams3.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads bytes [from, to) of an object and, when the connection fails mid-stream, reopens it at
 * the current position (up to {@code maxResumes} times). Delivers exactly {@code to - from}
 * bytes or throws; an early end is never a short read.
 */
final class ResumingInputStream extends InputStream {
    /** Opens bytes [from, to) of the object. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long from, long to) throws IOException;
    }

    private final Opener opener;
    private final String name;
    private final long to;
    private final int maxResumes;
    private final StoreStats stats;
    private long pos;
    private int resumes;
    private InputStream in;

    /** {@code first}: an already open stream of bytes [from, to), or null to open one. */
    ResumingInputStream(
            Opener opener, String name, InputStream first, long from, long to, int maxResumes, StoreStats stats)
            throws IOException {
        this.opener = opener;
        this.name = name;
        this.pos = from;
        this.to = to;
        this.maxResumes = maxResumes;
        this.stats = stats;
        this.in = first != null ? first : from < to ? opener.open(from, to) : InputStream.nullInputStream();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= to) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            try {
                int n = in.read(b, off, (int) Math.min(len, to - pos));
                if (n < 0) {
                    throw new EOFException(name + " ended " + (to - pos) + " bytes early");
                }
                pos += n;
                stats.addBytesRead(n);
                return n;
            } catch (IOException e) {
                closeQuietly();
                if (resumes++ >= maxResumes) {
                    throw new IOException(
                            "reading " + name + " failed at byte " + pos + " after " + resumes + " attempts: "
                                    + e.getMessage(),
                            e);
                }
                in = opener.open(pos, to); // the opener counts its request
            }
        }
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is being replaced
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
