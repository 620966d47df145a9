package io.bams3.query;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/** Computes the CRC32C of the bytes read through it. */
final class Crc32cStream extends FilterInputStream {
    private final CRC32C crc = new CRC32C();

    Crc32cStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) crc.update(b);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) crc.update(b, off, n);
        return n;
    }

    int value() {
        return (int) crc.getValue();
    }
}
