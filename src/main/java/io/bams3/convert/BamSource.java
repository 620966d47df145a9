package io.bams3.convert;

import htsjdk.samtools.FileTruncatedException;
import htsjdk.samtools.util.BlockCompressedInputStream;
import io.bams3.format.BamHeader;
import io.bams3.format.BamRecordView;
import io.bams3.format.FormatException;
import io.bams3.format.RecordStreamReader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coordinate-sorted BAM file read once, front to back, as raw records. It hashes every byte
 * (SHA-256), counts the bytes consumed for progress, and checks the sort order as it goes.
 */
final class BamSource implements AutoCloseable {
    private static final Pattern SORT_ORDER = Pattern.compile("^@HD\\t.*\\bSO:([A-Za-z]+)", Pattern.MULTILINE);

    private final Path path;
    private final long size;
    private final InputStream raw;
    private final InputStream hashed;
    private final MessageDigest sha256;
    private final long[] consumed = new long[1];
    private final BlockCompressedInputStream bgzf;
    private final BamHeader header;
    private final RecordStreamReader records;
    private long count;
    private int lastRef = -1;
    private int lastPos = -1;
    private boolean unplacedSeen;

    BamSource(Path path) throws IOException {
        this.path = path;
        try {
            this.size = Files.size(path);
            this.raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new ConversionException("no such file: " + path);
        }
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
                if (b >= 0) consumed[0]++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) consumed[0] += n;
                return n;
            }
        };
        this.bgzf = new BlockCompressedInputStream(new BufferedInputStream(counted, 1 << 16), false);
        try {
            this.header = BamHeader.read(bgzf);
        } catch (FormatException e) {
            throw new FormatException(path + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new FormatException(path + ": not a BAM file (" + describe(e) + ")");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (BamHeader.Reference r : header.references()) {
            if (r.name().isEmpty() || !names.add(r.name())) {
                throw new FormatException(path + ": invalid BAM header: reference name '" + r.name() + "' is "
                        + (r.name().isEmpty() ? "empty" : "duplicated"));
            }
        }
        Matcher so = SORT_ORDER.matcher(header.textString());
        if (so.find() && !so.group(1).equals("coordinate") && !so.group(1).equals("unknown")
                && !so.group(1).equals("unsorted")) {
            throw new ConversionException(path + " is sorted by " + so.group(1)
                    + ", not by coordinate; sort it first (samtools sort)");
        }
        this.records = new RecordStreamReader(bgzf);
    }

    BamHeader header() { return header; }

    long size() { return size; }

    long bytesConsumed() { return consumed[0]; }

    /** The next record (valid until the next call), or null at the end of the file. */
    BamRecordView next() {
        BamRecordView r;
        try {
            r = records.next();
        } catch (FileTruncatedException | EOFException e) {
            throw new FormatException(path + " is truncated (after " + count + " records)");
        } catch (IOException | RuntimeException e) {
            if (e instanceof FormatException f) {
                throw new FormatException(path + ": " + f.getMessage() + " (after " + count + " records)");
            }
            throw new FormatException(path + " is corrupt after " + count + " records (" + describe(e) + ")");
        }
        if (r == null) {
            return null;
        }
        checkOrder(r);
        count++;
        return r;
    }

    private void checkOrder(BamRecordView r) {
        int ref = r.refId();
        int pos = r.pos();
        if (ref < -1 || ref >= header.references().size()) {
            throw new FormatException(path + ": record " + (count + 1) + " has reference id " + ref
                    + " not in the header");
        }
        if (ref >= 0 && pos < 0) {
            throw new FormatException(path + ": record " + (count + 1) + " is placed on "
                    + header.references().get(ref).name() + " without a position");
        }
        boolean ordered;
        if (ref == -1) {
            ordered = true;
            unplacedSeen = true;
        } else {
            ordered = !unplacedSeen && (ref > lastRef || (ref == lastRef && pos >= lastPos));
        }
        if (!ordered) {
            throw new ConversionException(path + " is not coordinate-sorted: record " + (count + 1) + " at "
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
        if (!BlockCompressedInputStream.checkTermination(path.toFile()).equals(
                BlockCompressedInputStream.FileTermination.HAS_TERMINATOR_BLOCK)) {
            throw new FormatException(path + " is truncated (no BGZF end-of-file block)");
        }
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = hashed.read(buf)) >= 0) {
            consumed[0] += n;
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    long records() { return count; }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        bgzf.close();
    }
}
