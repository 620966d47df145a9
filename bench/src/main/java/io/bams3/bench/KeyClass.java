package io.bams3.bench;

import io.bams3.format.DatasetLayout;

/** What an object of a dataset is, judged by its key (docs/FORMAT.md layout). */
public enum KeyClass {
    METADATA,
    HEADER,
    INDEX,
    DATA,
    OTHER;

    /** Keys relative to the dataset root; those of a generation ({@code gen/<name>/...}) by their place in it. */
    public static KeyClass of(String key) {
        if (key.equals(DatasetLayout.METADATA)) return METADATA;
        String k = key;
        if (k.startsWith(DatasetLayout.GENERATIONS_DIR)) {
            k = k.substring(k.indexOf('/', DatasetLayout.GENERATIONS_DIR.length()) + 1);
        }
        if (k.equals(DatasetLayout.HEADER)) return HEADER;
        // the reference table is read to plan, as the chunk tables and block indexes are
        if (k.equals(DatasetLayout.REFERENCES) || k.startsWith(DatasetLayout.INDEX_DIR)) return INDEX;
        if (k.startsWith(DatasetLayout.DATA_DIR)) return DATA;
        return OTHER;
    }
}
