package io.bams3.cohort;

/** A sample name asked for that is not one of the cohort's members. */
public final class UnknownSampleException extends RuntimeException {
    private final String sample;

    public UnknownSampleException(String sample) {
        super("the cohort has no sample '" + printable(sample) + "'");
        this.sample = sample;
    }

    public String sample() {
        return sample;
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
