package io.bams3.bench;

import io.bams3.format.DatasetLayout;

/** What an object of a dataset is, judged by its key (docs/FORMAT.md layout). */
public enum KeyClass {
    METADATA,
    HEADER,
    INDEX,
    DATA,
    OTHER;

    public static KeyClass of(String key) {
        if (key.equals(DatasetLayout.METADATA)) return METADATA;
        if (key.equals(DatasetLayout.HEADER)) return HEADER;
        if (key.startsWith(DatasetLayout.INDEX_DIR)) return INDEX;
        if (key.startsWith(DatasetLayout.DATA_DIR)) return DATA;
        return OTHER;
    }
}
