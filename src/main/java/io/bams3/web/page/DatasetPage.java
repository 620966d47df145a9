package io.bams3.web.page;

import java.util.List;

/**
 * A window of the dataset list: {@code total} ids match the filter, {@code items} are those from
 * {@code offset} (0-based) on, at most {@code limit} of them. {@code notes} say what the list
 * leaves out (roots whose ids come from a pattern, a walk cut short).
 */
public record DatasetPage(int total, int offset, int limit, List<DatasetSummary> items, List<String> notes) {}
