package io.bams3.web.page;

/** A reference sequence the viewer can read: a FASTA and its samtools faidx index. */
record ReferenceSequence(ReferenceFile fasta, ReferenceFile index) {}
