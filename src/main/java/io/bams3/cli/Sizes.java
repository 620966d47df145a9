package io.bams3.cli;

import java.util.Locale;

/** Byte sizes written like 16M, 512k, 1G (powers of 1024) or plain numbers. */
final class Sizes {
    private Sizes() {}

    static long parse(String s, String option) {
        String t = s.trim().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        long unit = 1;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> {}
            }
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long v = Long.parseLong(digits) * unit;
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not a positive size");
        }
    }
}
