package io.bams3.web;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts bytes written to a response and remembers whether a write failed (the client went away). */
final class CountingResponseStream extends FilterOutputStream {
    private long bytes;
    private boolean failed;

    CountingResponseStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
            bytes += len;
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void close() {
        // the container closes the response stream
    }

    long bytes() {
        return bytes;
    }

    boolean clientGone() {
        return failed;
    }
}
