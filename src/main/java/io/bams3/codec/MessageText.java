package io.bams3.codec;

/**
 * Text from storage or from a request made fit for an error message: at most {@value #MAX}
 * characters (then "..."), control characters as {@code \xNN}, so a hostile or huge name can
 * neither flood a message nor break its lines.
 */
public final class MessageText {
    /** Characters of the text kept. */
    public static final int MAX = 100;

    private MessageText() {}

    public static String shown(String s) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return s.length() > MAX ? b.append("...").toString() : b.toString();
    }
}
