package io.bams3.auth;

import java.util.regex.Pattern;

/**
 * A pattern of dataset ids, as grants name them: {@code *} matches any run of characters within
 * one '/'-separated segment, {@code **} any run across segments, {@code ?} one character other
 * than '/'; everything else matches itself. So {@code cohort/*} matches {@code cohort/NA12878}
 * but neither {@code cohort2/x} nor {@code cohort/a/b}. An id with an empty, {@code .} or
 * {@code ..} segment, a backslash or a control character is matched by no glob, whatever the
 * glob says: such an id could name something else once it becomes a path.
 */
public record IdGlob(String pattern) {
    public IdGlob {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("an id glob may not be empty");
        }
    }

    public boolean matches(String id) {
        return isPlainId(id) && regex().matcher(id).matches();
    }

    private Pattern regex() {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                re.append(".*");
                i += 2;
            } else if (c == '*') {
                re.append("[^/]*");
                i++;
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else {
                int next = i;
                while (next < pattern.length() && pattern.charAt(next) != '*' && pattern.charAt(next) != '?') {
                    next++;
                }
                re.append(Pattern.quote(pattern.substring(i, next)));
                i = next;
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Whether {@code id} is a plain '/'-separated name that no glob can be tricked by. */
    static boolean isPlainId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String segment : id.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
