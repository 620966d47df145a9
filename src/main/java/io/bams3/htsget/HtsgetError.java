package io.bams3.htsget;

/**
 * The htsget error types with their HTTP statuses (htsget 1.3, "Errors"). The last two are this
 * service's own names for failures that are not the client's: a dataset that cannot be read (500)
 * and a store that does not answer (503).
 */
public enum HtsgetError {
    INVALID_AUTHENTICATION("InvalidAuthentication", 401),
    PERMISSION_DENIED("PermissionDenied", 403),
    NOT_FOUND("NotFound", 404),
    PAYLOAD_TOO_LARGE("PayloadTooLarge", 413),
    UNSUPPORTED_FORMAT("UnsupportedFormat", 400),
    INVALID_INPUT("InvalidInput", 400),
    INVALID_RANGE("InvalidRange", 400),
    INTERNAL_ERROR("InternalError", 500),
    UNAVAILABLE("Unavailable", 503);

    private final String wireName;
    private final int status;

    HtsgetError(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    /** The name clients see in {@code {"htsget":{"error":...}}}. */
    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }

    public HtsgetException exception(String message) {
        return new HtsgetException(this, message);
    }
}
