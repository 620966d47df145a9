package io.bams3.format;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BAM header exactly as the source file had it: the SAM header text (byte for byte) and the
 * binary reference list. Reference indexes are 0-based positions in {@link #references()}.
 */
public record BamHeader(byte[] text, List<Reference> references) {

    /** One @SQ entry of the binary reference list; {@code length} in bases. */
    public record Reference(String name, int length) { }

    private static final byte[] MAGIC = {'B', 'A', 'M', 1};

    public BamHeader {
        references = List.copyOf(references);
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

    public int referenceIndex(String name) {
        return nameIndex().getOrDefault(name, -1);
    }

    public Map<String, Integer> nameIndex() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < references.size(); i++) {
            m.putIfAbsent(references.get(i).name(), i);
        }
        return m;
    }

    /** Reads magic, text and references from a decompressed BAM stream. */
    public static BamHeader read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[4];
        try {
            data.readFully(magic);
        } catch (EOFException e) {
            throw new FormatException("not a BAM file: too short for a BAM header");
        }
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new FormatException("not a BAM file: bad magic number");
        }
        int textLength = readInt(data);
        if (textLength < 0 || textLength > (1 << 30)) {
            throw new FormatException("corrupt BAM header: l_text " + textLength);
        }
        byte[] text = new byte[textLength];
        data.readFully(text);
        int count = readInt(data);
        if (count < 0 || count > 100_000_000) {
            throw new FormatException("corrupt BAM header: n_ref " + count);
        }
        List<Reference> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int nameLength = readInt(data);
            if (nameLength < 1 || nameLength > 1 << 20) {
                throw new FormatException("corrupt BAM header: l_name " + nameLength);
            }
            byte[] name = new byte[nameLength];
            data.readFully(name);
            refs.add(new Reference(new String(name, 0, nameLength - 1, StandardCharsets.ISO_8859_1), readInt(data)));
        }
        return new BamHeader(text, refs);
    }

    /** The uncompressed BAM header bytes: magic, l_text, text, n_ref and the references. */
    public byte[] toBamBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 64 * references.size() + 16);
        out.writeBytes(MAGIC);
        out.writeBytes(le(text.length));
        out.writeBytes(text);
        out.writeBytes(le(references.size()));
        for (Reference r : references) {
            byte[] name = r.name().getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(le(name.length + 1));
            out.writeBytes(name);
            out.write(0);
            out.writeBytes(le(r.length()));
        }
        return out.toByteArray();
    }

    private static int readInt(DataInputStream in) throws IOException {
        return Integer.reverseBytes(in.readInt());
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
