package io.bams3.format;

import io.bams3.codec.FormatException;
import java.nio.ByteBuffer;

/** The shared 8-byte prefix of the binary index objects: magic, version, entry size. */
final class IndexHeaders {
    private IndexHeaders() {}

    static void check(ByteBuffer b, byte[] magic, int version, int entrySize, String source) {
        checkOneOf(b, magic, new int[] {version}, new int[] {entrySize}, source);
    }

    /**
     * Checks the prefix against the pairs ({@code versions[i]}, {@code entrySizes[i]}) a reader
     * implements; returns the version found.
     */
    static int checkOneOf(ByteBuffer b, byte[] magic, int[] versions, int[] entrySizes, String source) {
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
        for (int i = 0; i < versions.length; i++) {
            if (v == versions[i] && size == entrySizes[i]) {
                return v;
            }
        }
        throw new FormatException(source + ": unsupported index version " + v + " / entry size " + size);
    }
}
