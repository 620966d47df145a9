package io.bams3.query;

import java.util.Locale;
import java.util.Map;

/**
 * A FLAG argument as samtools reads it (htslib's {@code bam_str2flag}): a number in C notation
 * (decimal, {@code 0x} hex or {@code 0} octal), or comma-separated flag names such as
 * {@code UNMAP,DUP} (case-insensitive).
 */
public final class SamFlags {
    private static final Map<String, Integer> NAMES = Map.ofEntries(
            Map.entry("PAIRED", 0x1),
            Map.entry("PROPER_PAIR", 0x2),
            Map.entry("UNMAP", 0x4),
            Map.entry("MUNMAP", 0x8),
            Map.entry("REVERSE", 0x10),
            Map.entry("MREVERSE", 0x20),
            Map.entry("READ1", 0x40),
            Map.entry("READ2", 0x80),
            Map.entry("SECONDARY", 0x100),
            Map.entry("QCFAIL", 0x200),
            Map.entry("DUP", 0x400),
            Map.entry("SUPPLEMENTARY", 0x800));

    private SamFlags() {}

    /**
     * The flag bits {@code text} names.
     *
     * @throws IllegalArgumentException for text that is neither a number from 0 to 0xffff nor a list
     *     of flag names
     */
    public static int parse(String text) {
        String s = text.trim();
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            return number(s, text);
        }
        int flags = 0;
        for (String name : s.split(",", -1)) {
            Integer bit = NAMES.get(name.trim().toUpperCase(Locale.ROOT));
            if (bit == null) {
                throw new IllegalArgumentException("'" + text + "' is not a FLAG: give a number (decimal, 0x hex,"
                        + " 0 octal) or names such as UNMAP,DUP");
            }
            flags |= bit;
        }
        return flags;
    }

    private static int number(String s, String text) {
        long value;
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                value = Long.parseLong(s.substring(2), 16);
            } else if (s.length() > 1 && s.startsWith("0")) {
                value = Long.parseLong(s.substring(1), 8);
            } else {
                value = Long.parseLong(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a FLAG number (decimal, 0x hex or 0 octal)");
        }
        if (value > 0xffff) {
            throw new IllegalArgumentException("FLAG '" + text + "' is larger than 0xffff");
        }
        return (int) value;
    }
}
