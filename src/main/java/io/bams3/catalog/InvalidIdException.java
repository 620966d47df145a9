package io.bams3.catalog;

/** A dataset id that is malformed or tries to leave its root. */
public final class InvalidIdException extends RuntimeException {
    public InvalidIdException(String message) {
        super(message);
    }
}
