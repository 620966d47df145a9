package io.bams3.convert;

import io.bams3.codec.BamRecordView;
import java.util.Arrays;

/** Accumulates whole records of one reference until a unit is full. */
final class UnitBuilder {
    record Pending(int refId, int firstPos, int lastPos, int maxEnd, int records, byte[] data) {}

    private byte[] buf;
    private int length;
    private int refId;
    private int firstPos;
    private int lastPos;
    private int maxEnd;
    private int records;

    UnitBuilder(int capacity) {
        buf = new byte[capacity];
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Uncompressed bytes held. */
    int length() {
        return length;
    }

    /** The reference of the records held (when not empty). */
    int refId() {
        return refId;
    }

    void add(BamRecordView r) {
        int n = r.totalLength();
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(length + n, buf.length * 2));
        }
        System.arraycopy(r.buffer(), r.offset(), buf, length, n);
        length += n;
        track(r);
    }

    /** Takes the positions of the last source block's records, whose bytes are not copied. */
    void addAll(BamSource source, int n) {
        for (int i = 0; i < n; i++) {
            track(source.record(i));
        }
    }

    private void track(BamRecordView r) {
        if (records == 0) {
            refId = r.refId();
            firstPos = r.pos();
            maxEnd = Integer.MIN_VALUE;
        }
        lastPos = r.pos();
        maxEnd = Math.max(maxEnd, r.refId() < 0 ? -1 : r.end());
        records++;
    }

    /** A unit of the records added by {@link #addAll} with their already compressed bytes. */
    Unit takeCompressed(byte[] compressed) {
        Unit u = new Unit(refId, firstPos, lastPos, maxEnd, records, compressed);
        length = 0;
        records = 0;
        return u;
    }

    Pending take() {
        Pending p = new Pending(refId, firstPos, lastPos, maxEnd, records, Arrays.copyOf(buf, length));
        length = 0;
        records = 0;
        return p;
    }
}
