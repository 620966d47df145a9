package io.bams3.format;

import io.bams3.codec.FormatException;
import java.nio.ByteBuffer;

/** The shared 8-byte prefix of the binary index objects: magic, version, entry size. */
final class IndexHeaders {
    private IndexHeaders() {}

    static void check(ByteBuffer b, byte[] magic, int version, int entrySize, String source) {
        if (b.remaining() < 12) {
            throw new FormatException(source + ": index object too short");
        }
        for (byte m : magic) {
            if (b.get() != m) {
                throw new FormatException(source + ": bad magic number");
            }
        }
        int v = b.getShort() & 0xffff;
        int size = b.getShort() & 0xffff;
        if (v != version || size != entrySize) {
            throw new FormatException(source + ": unsupported index version " + v + " / entry size " + size);
        }
    }
}
