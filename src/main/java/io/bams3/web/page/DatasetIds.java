package io.bams3.web.page;

import java.util.List;

/** Every dataset id found under the roots, sorted, and what the walk could not cover. */
record DatasetIds(List<String> ids, List<String> notes) {}
