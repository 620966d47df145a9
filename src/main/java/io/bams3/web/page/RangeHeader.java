package io.bams3.web.page;

import io.bams3.store.ByteRange;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP {@code Range} request header against a file of {@code size} bytes (RFC 9110 14.2): one
 * {@code bytes=FIRST-LAST}, {@code bytes=FIRST-} or {@code bytes=-SUFFIX} range (inclusive ends in the
 * header, {@link ByteRange} half-open). Anything else (no header, several ranges, another unit, bad
 * syntax) is ignored as the RFC allows: the whole file is served.
 */
final class RangeHeader {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private RangeHeader() {}

    /** A range that lies wholly outside the file: 416, {@code Content-Range: bytes * /size}. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("the requested range is not within the file", null, false, false);
        }
    }

    /**
     * The bytes asked for, clipped to the file; empty: the whole file.
     *
     * @throws Unsatisfiable when the range starts at or past the end (or asks for an empty suffix)
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size));
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw new Unsatisfiable();
        }
        long end = m.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(m.group(2)) + 1);
        return Optional.of(new ByteRange(first, end));
    }
}
