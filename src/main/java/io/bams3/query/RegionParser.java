package io.bams3.query;

import io.bams3.codec.BamHeader;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses regions in samtools/htslib syntax: {@code REF}, {@code REF:BEG}, {@code REF:BEG-},
 * {@code REF:BEG-END}, {@code REF:-END}, {@code {REF}:...} for names containing ':', and {@code *}.
 * BEG and END are 1-based inclusive, may contain commas and a k/M/G suffix.
 */
public final class RegionParser {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmMgG]?)");

    private final BamHeader header;
    private final Map<String, Integer> names;

    public RegionParser(BamHeader header) {
        this.header = header;
        this.names = header.nameIndex();
    }

    public Region parse(String text) {
        String s = text.trim();
        if (s.equals("*")) {
            return Region.unplaced();
        }
        String name;
        String range;
        if (s.startsWith("{")) {
            int close = s.indexOf('}');
            if (close < 0) {
                throw new RegionException("malformed region '" + text + "': unmatched '{'");
            }
            name = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new RegionException("malformed region '" + text + "'");
            }
            range = rest.isEmpty() ? null : rest.substring(1);
        } else if (names.containsKey(s)) {
            name = s;
            range = null;
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw new RegionException("unknown reference '" + s + "'");
            }
            name = s.substring(0, colon);
            range = s.substring(colon + 1);
        }
        Integer ref = names.get(name);
        if (ref == null) {
            throw new RegionException("unknown reference '" + name + "' in region '" + text + "'");
        }
        int length = header.references().get(ref).length();
        if (range == null) {
            return new Region(ref, name, 0, length);
        }
        String r = range.replace(",", "");
        long beg;
        long end;
        int dash = r.indexOf('-', 1);
        if (r.isEmpty()) {
            throw new RegionException("malformed region '" + text + "': empty range");
        } else if (r.startsWith("-")) {
            beg = 1;
            end = number(r.substring(1), text);
        } else if (dash < 0) {
            beg = number(r, text);
            end = length;
        } else {
            beg = number(r.substring(0, dash), text);
            end = dash == r.length() - 1 ? length : number(r.substring(dash + 1), text);
        }
        beg = Math.max(beg, 1);
        if (beg > end) {
            throw new RegionException("invalid region '" + text + "': start " + beg + " > end " + end);
        }
        return new Region(
                ref, name, (int) Math.min(beg - 1, Integer.MAX_VALUE), (int) Math.min(end, Integer.MAX_VALUE));
    }

    private static long number(String s, String region) {
        Matcher m = NUMBER.matcher(s);
        if (!m.matches()) {
            throw new RegionException("malformed region '" + region + "': '" + s + "' is not a position");
        }
        double v = Double.parseDouble(m.group(1));
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> v *= 1e3;
            case "m" -> v *= 1e6;
            case "g" -> v *= 1e9;
            default -> {}
        }
        if (v > Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (long) v;
    }
}
