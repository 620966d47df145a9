package io.bams3.web.settings;

/**
 * A server setting that cannot work as given: the server refuses to start, and Spring Boot prints
 * the message and what to do ({@link InvalidSettingFailureAnalyzer}) instead of a stack trace.
 * Messages name the setting, never a secret's value.
 */
public final class InvalidSettingException extends RuntimeException {
    private final String action;

    public InvalidSettingException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }

    /** Whether {@code failure} or one of its causes is an invalid setting. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException) {
                return true;
            }
        }
        return false;
    }
}
