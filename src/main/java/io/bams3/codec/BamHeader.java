package io.bams3.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The BAM header exactly as the source file had it: the SAM header text (byte for byte) and the
 * binary reference list. Reference indexes are 0-based positions in {@link #references()}.
 * Look-ups by name and by {@code @SQ M5} use indexes built once, on first use, per header (a
 * header may list millions of references).
 */
public final class BamHeader {

    /** One @SQ entry of the binary reference list; {@code length} in bases. */
    public record Reference(String name, int length) {}

    private static final byte[] MAGIC = {'B', 'A', 'M', 1};

    private final byte[] text;
    private final List<Reference> references;
    private volatile Map<String, Integer> byName;
    private volatile Map<String, Integer> byMd5;

    public BamHeader(byte[] text, List<Reference> references) {
        this.text = text;
        this.references = List.copyOf(references);
    }

    /** The SAM header text, byte for byte (not copied: do not modify). */
    public byte[] text() {
        return text;
    }

    public List<Reference> references() {
        return references;
    }

    /** The header text with any trailing NUL padding removed, as samtools prints it. */
    public String textString() {
        int n = text.length;
        while (n > 0 && text[n - 1] == 0) {
            n--;
        }
        return new String(text, 0, n, StandardCharsets.UTF_8);
    }

    /** The header as SAM text lines ending in a newline, as {@code samtools view -H} prints them. */
    public byte[] samText() {
        String t = textString();
        if (!t.isEmpty() && !t.endsWith("\n")) {
            t += "\n";
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    /** The index of the first reference named {@code name}, or -1. */
    public int referenceIndex(String name) {
        return nameIndex().getOrDefault(name, -1);
    }

    /** Reference name -> index of its first occurrence; unmodifiable, built once. */
    public Map<String, Integer> nameIndex() {
        Map<String, Integer> m = byName;
        if (m == null) {
            Map<String, Integer> built = new HashMap<>(references.size() * 4 / 3 + 1);
            for (int i = 0; i < references.size(); i++) {
                built.putIfAbsent(references.get(i).name(), i);
            }
            m = Collections.unmodifiableMap(built);
            byName = m;
        }
        return m;
    }

    /**
     * The index of the reference whose {@code @SQ} line carries {@code M5:md5} (compared in lower
     * case), or -1. The text's {@code SN} names the reference, which must be in the binary list.
     */
    public int referenceIndexByMd5(String md5) {
        Map<String, Integer> m = byMd5;
        if (m == null) {
            m = Collections.unmodifiableMap(md5Index());
            byMd5 = m;
        }
        return m.getOrDefault(md5.toLowerCase(Locale.ROOT), -1);
    }

    private Map<String, Integer> md5Index() {
        Map<String, Integer> out = new HashMap<>();
        String all = textString();
        int lineStart = 0;
        while (lineStart < all.length()) {
            int lineEnd = all.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = all.length();
            }
            if (all.startsWith("@SQ\t", lineStart)) {
                sqMd5(all.substring(lineStart, lineEnd), out);
            }
            lineStart = lineEnd + 1;
        }
        return out;
    }

    private void sqMd5(String line, Map<String, Integer> out) {
        String name = null;
        String m5 = null;
        for (String field : line.split("\t")) {
            if (field.startsWith("SN:")) {
                name = field.substring(3);
            } else if (field.startsWith("M5:")) {
                m5 = field.substring(3).trim().toLowerCase(Locale.ROOT);
            }
        }
        if (name != null && m5 != null) {
            int index = referenceIndex(name);
            if (index >= 0) {
                out.putIfAbsent(m5, index);
            }
        }
    }

    /**
     * Reads magic, text and references from a decompressed BAM stream. Every size field is
     * checked before it is used, and no buffer is sized by one: bytes are taken as they arrive
     * ({@code readNBytes} grows with the data), so a size that claims more than the stream holds
     * costs no more memory than the stream really has, and ends as "truncated".
     */
    public static BamHeader read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (magic.length < MAGIC.length) {
            throw new FormatException("not a BAM file: too short for a BAM header");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FormatException("not a BAM file: bad magic number");
        }
        int count = -1;
        List<Reference> refs = new ArrayList<>();
        try {
            int textLength = readInt(data);
            if (textLength < 0 || textLength > (1 << 30)) {
                throw new FormatException("corrupt BAM header: l_text " + textLength
                        + (textLength < 0 ? "" : " (more than the 1 GiB of header text supported)"));
            }
            byte[] text = data.readNBytes(textLength);
            if (text.length < textLength) {
                throw new FormatException("truncated BAM header: l_text " + textLength + " but the stream ends after "
                        + text.length + " bytes of text");
            }
            count = readInt(data);
            if (count < 0) {
                throw new FormatException("corrupt BAM header: n_ref " + count);
            }
            for (int i = 0; i < count; i++) {
                int nameLength = readInt(data);
                if (nameLength < 1 || nameLength > 1 << 20) {
                    throw new FormatException("corrupt BAM header: l_name " + nameLength + " of reference " + (i + 1));
                }
                byte[] name = data.readNBytes(nameLength);
                if (name.length < nameLength) {
                    throw new EOFException();
                }
                if (name[nameLength - 1] != 0) {
                    throw new FormatException(
                            "corrupt BAM header: the name of reference " + (i + 1) + " is not NUL-terminated");
                }
                int length = readInt(data);
                if (length < 0) {
                    throw new FormatException("corrupt BAM header: l_ref " + length + " of reference " + (i + 1));
                }
                refs.add(new Reference(new String(name, 0, nameLength - 1, StandardCharsets.ISO_8859_1), length));
            }
            return new BamHeader(text, refs);
        } catch (EOFException e) {
            throw new FormatException(
                    "truncated BAM header"
                            + (count < 0
                                    ? ""
                                    : ": n_ref " + count + " but the stream ends in reference " + (refs.size() + 1)),
                    e);
        }
    }

    /** The uncompressed BAM header bytes: magic, l_text, text, n_ref and the references. */
    public byte[] toBamBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 64 * references.size() + 16);
        try {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** The size of {@link #toBamBytes()}. */
    public long bamSize() {
        long size = 12L + text.length;
        for (Reference r : references) {
            size += 9L + r.name().length();
        }
        return size;
    }

    /**
     * Writes the bytes of {@link #toBamBytes()} to {@code out} as they are made, a few kilobytes
     * at a time (a header of millions of references is never one array); {@code out} stays open.
     */
    public void write(OutputStream out) throws IOException {
        out.write(MAGIC);
        out.write(LittleEndian.i32Bytes(text.length));
        out.write(text);
        out.write(LittleEndian.i32Bytes(references.size()));
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
        for (Reference r : references) {
            byte[] name = r.name().getBytes(StandardCharsets.ISO_8859_1);
            batch.writeBytes(LittleEndian.i32Bytes(name.length + 1));
            batch.writeBytes(name);
            batch.write(0);
            batch.writeBytes(LittleEndian.i32Bytes(r.length()));
            if (batch.size() >= 1 << 16) {
                batch.writeTo(out);
                batch.reset();
            }
        }
        batch.writeTo(out);
    }

    private static int readInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }
}
