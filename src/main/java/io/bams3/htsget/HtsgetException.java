package io.bams3.htsget;

/** A failure to answer with an htsget error; the message is meant for the client. */
public class HtsgetException extends RuntimeException {
    private final HtsgetError error;

    public HtsgetException(HtsgetError error, String message) {
        super(message);
        this.error = error;
    }

    public HtsgetException(HtsgetError error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public HtsgetError error() {
        return error;
    }
}
