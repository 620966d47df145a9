package io.bams3.codec;

/** Data that does not follow the BAM or BAMS3 format: a corrupt chunk, index or metadata object. */
public class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
