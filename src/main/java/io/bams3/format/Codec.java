package io.bams3.format;

import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.BlockCodec;
import io.bams3.codec.ZstdBlockCodec;
import java.util.Locale;

/** How the records of a chunk object are compressed. */
public enum Codec {
    /**
     * BGZF blocks; every unit (one block, or several for a record over 0xff00 bytes) starts at a
     * record boundary. No header, no EOF block.
     */
    BGZF,
    /** Independent zstd frames of whole records (a seekable sequence of frames). */
    ZSTD;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Codec parse(String s) {
        for (Codec c : values()) {
            if (c.id().equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown codec '" + s + "' (expected bgzf or zstd)");
    }

    public BlockCodec blockCodec() {
        return this == BGZF ? new BgzfBlockCodec() : new ZstdBlockCodec();
    }
}
