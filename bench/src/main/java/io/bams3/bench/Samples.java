package io.bams3.bench;

import java.util.Arrays;

/** A handful of measured values and the statistics the report uses. */
public record Samples(double[] values) {
    public Samples {
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        values = values.clone();
    }

    public double median() {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double mean() {
        return Arrays.stream(values).average().orElseThrow();
    }

    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }
}
