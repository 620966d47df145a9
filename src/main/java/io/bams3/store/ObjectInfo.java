package io.bams3.store;

import java.time.Instant;

/** An object's key (relative to the store root), size in bytes and last modification time. */
public record ObjectInfo(String key, long size, Instant lastModified) {}
