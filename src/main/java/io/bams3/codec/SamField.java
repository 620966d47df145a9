package io.bams3.codec;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The SAM fields an htsget client can select with the {@code fields} parameter, named exactly as
 * the htsget specification (and the SAM spec) names them.
 */
public enum SamField {
    QNAME,
    FLAG,
    RNAME,
    POS,
    MAPQ,
    CIGAR,
    RNEXT,
    PNEXT,
    TLEN,
    SEQ,
    QUAL;

    private static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    /**
     * The field with this exact (case-sensitive) name.
     *
     * @throws IllegalArgumentException if {@code name} is null or not one of the eleven field names
     */
    public static SamField parse(String name) {
        if (name != null) {
            for (SamField f : values()) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown SAM field '" + name + "'; expected one of " + NAMES);
    }
}
