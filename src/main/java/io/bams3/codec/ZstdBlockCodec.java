package io.bams3.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * One zstd frame per run of whole records, with the frame's content checksum switched on. A chunk
 * is a plain concatenation of frames, so any run of whole frames decodes on its own.
 */
public final class ZstdBlockCodec implements BlockCodec {
    /** Uncompressed bytes per frame: large enough for a good ratio, small enough to seek. */
    public static final int FRAME_DATA = 256 * 1024;

    public static final int DEFAULT_LEVEL = 9;

    private final int level;

    public ZstdBlockCodec() {
        this(DEFAULT_LEVEL);
    }

    public ZstdBlockCodec(int level) {
        this.level = level;
    }

    @Override
    public int targetUncompressedSize() {
        return FRAME_DATA;
    }

    @Override
    public byte[] compress(byte[] data, int length) {
        byte[] out = new byte[(int) Zstd.compressBound(length)];
        try (var ctx = new ZstdCompressCtx()) {
            ctx.setLevel(level);
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            int n = ctx.compressByteArray(out, 0, out.length, data, 0, length);
            return Arrays.copyOf(out, n);
        }
    }

    @Override
    public InputStream decompress(InputStream compressed, String source) {
        try {
            ZstdInputStreamNoFinalizer z = new ZstdInputStreamNoFinalizer(compressed);
            z.setContinuous(false);
            return new FilterInputStream(z) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (ZstdException | IOException e) {
                        throw new FormatException(source + ": corrupt zstd frame (" + e.getMessage() + ")", e);
                    }
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        return super.read(b, off, len);
                    } catch (ZstdException | IOException e) {
                        if (e instanceof FormatException f) {
                            throw f;
                        }
                        throw new FormatException(
                                source + ": corrupt or truncated zstd frame (" + e.getMessage() + ")", e);
                    }
                }
            };
        } catch (IOException e) {
            throw new FormatException(source + ": cannot open zstd stream", e);
        }
    }
}
