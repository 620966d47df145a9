package io.bams3.cli;

import io.bams3.query.SamFlags;
import picocli.CommandLine;

/** A FLAG option value as samtools reads it (decimal, 0x hex, 0 octal, or names); a bad one is a usage error. */
final class SamFlagConverter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            return SamFlags.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
