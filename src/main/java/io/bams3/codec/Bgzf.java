package io.bams3.codec;

/**
 * The fixed numbers of a BGZF block (SAM spec section 4.1): a gzip member whose header carries one
 * extra subfield, "BC", holding the block size minus one.
 */
final class Bgzf {
    private Bgzf() {}

    /** gzip magic (ID1, ID2). */
    static final int GZIP_ID1 = 31;

    static final int GZIP_ID2 = 139;
    /** The extra subfield's identifier, 'B' 'C'. */
    static final int BGZF_ID1 = 66;

    static final int BGZF_ID2 = 67;
    /** Header bytes up to and including BSIZE. */
    static final int BLOCK_HEADER_LENGTH = 18;
    /** Where BSIZE (u16, block size - 1) sits in the header. */
    static final int BLOCK_LENGTH_OFFSET = 16;
    /** CRC32 and ISIZE. */
    static final int BLOCK_FOOTER_LENGTH = 8;
    /** The largest block BSIZE can describe. */
    static final int MAX_COMPRESSED_BLOCK_SIZE = 65536;

    /**
     * Writes the header bytes before BSIZE into {@code out}: ID1 ID2, CM = 8 (deflate), FLG = 4
     * (FEXTRA), MTIME = 0, XFL = 0, OS = 255 (unknown), XLEN = 6, then SI1 SI2 = 'B' 'C', SLEN = 2.
     */
    static void putPreamble(byte[] out) {
        byte[] preamble = {
            (byte) GZIP_ID1,
            (byte) GZIP_ID2,
            8,
            4,
            0,
            0,
            0,
            0,
            0,
            (byte) 255,
            6,
            0,
            (byte) BGZF_ID1,
            (byte) BGZF_ID2,
            2,
            0
        };
        System.arraycopy(preamble, 0, out, 0, preamble.length);
    }

    /** The 28-byte empty block that ends a BGZF file (the spec's end-of-file marker), a fresh copy. */
    static byte[] eofBlock() {
        byte[] block = new byte[28];
        putPreamble(block);
        block[BLOCK_LENGTH_OFFSET] = 27;
        // an empty deflate stream (one final, fixed-Huffman block), then CRC32 = 0 and ISIZE = 0
        block[BLOCK_HEADER_LENGTH] = 3;
        return block;
    }
}
