package io.bams3.cli;

import io.bams3.query.Subsample;
import picocli.CommandLine;

/** samtools' {@code -s INT.FRAC}; a bad one is a usage error. */
final class SubsampleConverter implements CommandLine.ITypeConverter<Subsample> {
    @Override
    public Subsample convert(String value) {
        try {
            return Subsample.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
