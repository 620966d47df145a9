package io.bams3.query;

/**
 * A dataset whose metadata or header is larger than the reader was configured to open: refused
 * before it is read whole, so that one oversized dataset cannot exhaust the memory others need.
 * The message says what was too large; it names no storage location.
 */
public class DatasetTooLargeException extends RuntimeException {
    public DatasetTooLargeException(String message) {
        super("the dataset is too large to open: " + message);
    }
}
