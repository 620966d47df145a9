package io.bams3.cohort;

import io.bams3.codec.MessageText;

/** A sample name asked for that is not one of the cohort's members. */
public final class UnknownSampleException extends RuntimeException {
    private final String sample;

    public UnknownSampleException(String sample) {
        super("the cohort has no sample '" + MessageText.shown(sample) + "'");
        this.sample = sample;
    }

    public String sample() {
        return sample;
    }
}
