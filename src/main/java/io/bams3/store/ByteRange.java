package io.bams3.store;

/** Bytes [from, to) of an object: 0-based, half-open. */
public record ByteRange(long from, long to) {
    public ByteRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad byte range [" + from + ", " + to + ")");
        }
    }

    public long length() {
        return to - from;
    }

    /** The HTTP Range header value for this range (inclusive end). */
    public String httpHeader() {
        return "bytes=" + from + "-" + (to - 1);
    }
}
