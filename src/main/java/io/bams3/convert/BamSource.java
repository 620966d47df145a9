package io.bams3.convert;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.codec.BgzfBlockReader;
import io.bams3.codec.FormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinate-sorted BAM file read once, front to back, one BGZF block at a time. After each
 * {@link #nextBlock()} the records completed in that block are available, and
 * {@link #wholeBlock()} tells whether they are exactly the block's content (the block starts and
 * ends at a record boundary, as htslib writes blocks), in which case the compressed block can be
 * reused as it is. Every byte is hashed (SHA-256) and the sort order is checked as records arrive.
 */
final class BamSource implements AutoCloseable {
    private static final byte[] HD = "@HD\t".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SORT_ORDER = Pattern.compile("^@HD\\t.*\\bSO:([A-Za-z]+)");

    private final String path;
    private final long size;
    private final InputStream hashed;
    private final MessageDigest sha256;
    private long consumed;
    private final byte[] tail = new byte[BgzfBlockCodec.EOF_BLOCK.length];
    private int tailLength;
    private final BgzfBlockReader blocks;
    private final BamHeader header;

    private byte[] buf = new byte[1 << 17];
    private int start;
    private int end;
    private int[] offsets = new int[1024];
    private int count;
    private boolean whole;
    private boolean finished;
    private final BamRecordView view = new BamRecordView();

    private long records;
    private int lastRef = -1;
    private int lastPos = -1;
    private boolean unplacedSeen;

    BamSource(BamInput input) throws IOException {
        this.path = input.name();
        this.size = input.size();
        InputStream raw = input.opener().open();
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.hashed = new DigestInputStream(raw, sha256);
        InputStream counted = new FilterInputStream(hashed) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    consumed++;
                    remember(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    consumed += n;
                    remember(b, off, n);
                }
                return n;
            }
        };
        this.blocks = new BgzfBlockReader(new BufferedInputStream(counted, 1 << 16), path);
        try {
            this.header = BamHeader.read(new HeaderStream());
        } catch (IOException | RuntimeException e) {
            String reason = describe(e).replace(path + ": ", "").replace("not a BAM file: ", "");
            throw new FormatException(path + ": not a BAM file (" + reason + ")");
        }
        checkHeader();
    }

    /** Reference names are non-empty and unique; the header does not declare another sort order. */
    private void checkHeader() {
        // sorted copies of the names find duplicates without a hash set as large again as the header
        String[] names = new String[header.references().size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = header.references().get(i).name();
            if (names[i].isEmpty()) {
                throw new FormatException(path + ": invalid BAM header: reference name '' is empty");
            }
        }
        Arrays.sort(names);
        for (int i = 1; i < names.length; i++) {
            if (names[i].equals(names[i - 1])) {
                throw new FormatException(
                        path + ": invalid BAM header: reference name '" + names[i] + "' is duplicated");
            }
        }
        Optional<String> hd = headerLine(header.text(), HD);
        Matcher so = hd.isPresent() ? SORT_ORDER.matcher(hd.get()) : null;
        if (so != null
                && so.find()
                && !so.group(1).equals("coordinate")
                && !so.group(1).equals("unknown")
                && !so.group(1).equals("unsorted")) {
            throw new ConversionException(
                    path + " is sorted by " + so.group(1) + ", not by coordinate; sort it first (samtools sort)");
        }
    }

    /** The first line of the header text that starts with {@code start}, decoded alone. */
    private static Optional<String> headerLine(byte[] text, byte[] start) {
        int line = 0;
        while (line < text.length) {
            int next = line;
            while (next < text.length && text[next] != '\n') {
                next++;
            }
            if (next - line >= start.length && Arrays.equals(text, line, line + start.length, start, 0, start.length)) {
                return Optional.of(new String(text, line, next - line, StandardCharsets.UTF_8));
            }
            line = next + 1;
        }
        return Optional.empty();
    }

    BamHeader header() {
        return header;
    }

    long size() {
        return size;
    }

    long bytesConsumed() {
        return consumed;
    }

    long records() {
        return records;
    }

    /**
     * Reads source blocks until at least one record is complete; false at the end of the file.
     * A partial record at the end of the file is an error.
     */
    boolean nextBlock() throws IOException {
        count = 0;
        while (count == 0) {
            if (finished) {
                return false;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            boolean clean = end == 0;
            if (!readBlock()) {
                finished = true;
                parse();
                if (start != end) {
                    throw new FormatException(path + " is truncated (after " + records + " records)");
                }
                whole = false;
                return count > 0;
            }
            if (end + blocks.dataLength() > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + blocks.dataLength()));
            }
            System.arraycopy(blocks.data(), 0, buf, end, blocks.dataLength());
            end += blocks.dataLength();
            parse();
            whole = clean && start == end;
        }
        return true;
    }

    private boolean readBlock() throws IOException {
        try {
            return blocks.next();
        } catch (FormatException e) {
            if (e.getCause() instanceof EOFException) {
                throw new FormatException(path + " is truncated (after " + records + " records)", e);
            }
            throw e;
        }
    }

    /** Parses every complete record in buf[start, end). */
    private void parse() {
        while (end - start >= 4) {
            int size = view.reset(buf, start).blockSize();
            if (size < BamRecordView.FIXED_LENGTH || size > (1 << 30)) {
                throw new FormatException(
                        path + ": malformed BAM record after " + records + " records (block_size " + size + ")");
            }
            if (end - start < size + 4) {
                // the rest arrives with the next blocks; the buffer grows as they do, not by block_size
                return;
            }
            try {
                view.checkStructure();
            } catch (FormatException e) {
                throw new FormatException(path + ": " + e.getMessage() + " (after " + records + " records)");
            }
            checkOrder(view);
            records++;
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = start;
            start += size + 4;
        }
    }

    /** Number of records completed by the last {@link #nextBlock()}. */
    int count() {
        return count;
    }

    /** Record {@code i} of the last block; the view is reused by the next call. */
    BamRecordView record(int i) {
        return view.reset(buf, offsets[i]);
    }

    /** True if the last block's records are exactly that block's content. */
    boolean wholeBlock() {
        return whole;
    }

    /** The last block's compressed bytes (when {@link #wholeBlock()}). */
    byte[] compressedBlock() {
        return Arrays.copyOf(blocks.compressed(), blocks.compressedLength());
    }

    private void checkOrder(BamRecordView r) {
        int ref = r.refId();
        int pos = r.pos();
        if (ref < -1 || ref >= header.references().size()) {
            throw new FormatException(
                    path + ": record " + (records + 1) + " has reference id " + ref + " not in the header");
        }
        if (ref >= 0 && pos < 0) {
            throw new FormatException(path + ": record " + (records + 1) + " is placed on "
                    + header.references().get(ref).name() + " without a position");
        }
        if (ref >= 0 && pos >= header.references().get(ref).length()) {
            // readers refuse chunks that start past their reference's end (FORMAT.md section 6)
            throw new FormatException(path + ": record " + (records + 1) + " starts at " + where(ref, pos)
                    + ", past the end of " + header.references().get(ref).name() + " ("
                    + header.references().get(ref).length() + " bases)");
        }
        boolean ordered;
        if (ref == -1) {
            ordered = true;
            unplacedSeen = true;
        } else {
            ordered = !unplacedSeen && (ref > lastRef || (ref == lastRef && pos >= lastPos));
        }
        if (!ordered) {
            throw new ConversionException(path + " is not coordinate-sorted: record " + (records + 1) + " at "
                    + where(ref, pos) + " follows " + (unplacedSeen ? "unplaced records" : where(lastRef, lastPos))
                    + "; sort it first (samtools sort)");
        }
        if (ref >= 0) {
            lastRef = ref;
            lastPos = pos;
        }
    }

    private String where(int ref, int pos) {
        return header.references().get(ref).name() + ":" + (pos + 1L);
    }

    /** Reads the rest of the file (so the checksum covers it) and returns the SHA-256 as hex. */
    String finishChecksum() throws IOException {
        byte[] b = new byte[1 << 16];
        int n;
        while ((n = hashed.read(b)) >= 0) {
            consumed += n;
            remember(b, 0, n);
        }
        if (tailLength < tail.length || !Arrays.equals(tail, BgzfBlockCodec.EOF_BLOCK)) {
            throw new FormatException(path + " is truncated (no BGZF end-of-file block)");
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Keeps the last bytes of the file (to find the BGZF end-of-file block, without seeking). */
    private void remember(byte[] b, int off, int n) {
        if (n >= tail.length) {
            System.arraycopy(b, off + n - tail.length, tail, 0, tail.length);
        } else {
            System.arraycopy(tail, n, tail, 0, tail.length - n);
            System.arraycopy(b, off, tail, tail.length - n, n);
        }
        tailLength = Math.min(tail.length, tailLength + n);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        blocks.close();
    }

    /** The decompressed stream, for the header: pulls blocks into the record buffer as needed. */
    private final class HeaderStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (start == end) {
                start = 0;
                end = 0;
                if (!blocks.next()) {
                    return -1;
                }
                if (blocks.dataLength() > buf.length) {
                    buf = new byte[blocks.dataLength()];
                }
                System.arraycopy(blocks.data(), 0, buf, 0, blocks.dataLength());
                end = blocks.dataLength();
            }
            int n = Math.min(len, end - start);
            System.arraycopy(buf, start, b, off, n);
            start += n;
            return n;
        }
    }
}
