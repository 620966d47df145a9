package io.bams3.convert;

/**
 * One compressed unit ready to be appended to a chunk: whole records of one reference.
 * Positions are 0-based; {@code maxEnd} is the largest exclusive alignment end in the unit.
 */
record Unit(int refId, int firstPos, int lastPos, int maxEnd, int records, byte[] compressed) {}
