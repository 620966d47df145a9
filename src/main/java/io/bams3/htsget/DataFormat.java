package io.bams3.htsget;

/** Output formats: BAM (htsget), and SAM text on the data endpoint only (an extension for curl users). */
public enum DataFormat {
    BAM,
    SAM;

    /** Parses a {@code format} value; CRAM and anything else is UnsupportedFormat. */
    static DataFormat parse(String value, boolean samAllowed) {
        if (value == null || value.equals("BAM")) {
            return BAM;
        }
        if (value.equals("SAM") && samAllowed) {
            return SAM;
        }
        throw HtsgetError.UNSUPPORTED_FORMAT.exception(
                "format '" + value + "' is not supported; this server serves " + (samAllowed ? "BAM and SAM" : "BAM"));
    }
}
