package io.bams3.convert;

/** The input cannot be converted as asked (not sorted, dataset exists, ...). */
public class ConversionException extends RuntimeException {
    public ConversionException(String message) {
        super(message);
    }
}
