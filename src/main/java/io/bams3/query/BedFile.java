package io.bams3.query;

import io.bams3.codec.BamHeader;
import io.bams3.codec.MessageText;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The intervals of a BED file (0-based, half-open: START END as the BED format counts) as
 * {@link Region}s of a header, read as samtools' {@code -L} does: whitespace-separated columns of
 * which the first three are used, blank lines, {@code #} comments and {@code track}/{@code
 * browser} lines skipped, intervals on references the header does not have skipped, zero-length
 * intervals skipped (they hold no base). Any other line that is not {@code REF START END} with
 * {@code 0 <= START <= END} fails naming the file and line.
 */
public final class BedFile {
    private BedFile() {}

    public static List<Region> read(Path file, BamHeader header) throws IOException {
        Map<String, Integer> names = header.nameIndex();
        List<Region> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] f = s.split("\\s+");
                if (f[0].equals("track") || f[0].equals("browser")) {
                    continue;
                }
                long beg = f.length < 3 ? -1 : position(f[1]);
                long end = f.length < 3 ? -1 : position(f[2]);
                if (beg < 0 || end < 0 || end < beg) {
                    throw new RegionException("BED file " + file + " line " + lineNumber
                            + ": expected REF START END (0-based, START <= END), got '" + MessageText.shown(s) + "'");
                }
                Integer ref = names.get(f[0]);
                if (ref == null || beg == end) {
                    continue;
                }
                out.add(new Region(
                        ref, f[0], (int) Math.min(beg, Integer.MAX_VALUE), (int) Math.min(end, Integer.MAX_VALUE)));
            }
        } catch (NoSuchFileException e) {
            throw new RegionException("BED file " + file + " does not exist");
        }
        return out;
    }

    /** A non-negative decimal, or -1. */
    private static long position(String s) {
        if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(s);
    }
}
