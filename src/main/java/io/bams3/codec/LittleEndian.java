package io.bams3.codec;

/** Little-endian integers in byte arrays, as BAM, BGZF and the dataset's binary objects store them. */
public final class LittleEndian {
    private LittleEndian() {}

    public static int i32(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    public static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8;
    }

    public static void putI32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    public static void putU16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    /** The four bytes of {@code v}. */
    public static byte[] i32Bytes(int v) {
        byte[] b = new byte[4];
        putI32(b, 0, v);
        return b;
    }
}
