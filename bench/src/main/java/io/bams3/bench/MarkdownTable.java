package io.bams3.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table; a column whose cells all start with a digit (or are "-") is
 * right-aligned.
 */
public final class MarkdownTable {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... columns) {
        this.columns = List.of(columns);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " cells, got " + cells.length);
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        for (int i = 0; i < columns.size(); i++) {
            sb.append(numeric(i) ? "---:|" : "---|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    private boolean numeric(int column) {
        return !rows.isEmpty()
                && rows.stream()
                        .map(r -> r.get(column))
                        .allMatch(c -> c.equals("-") || !c.isEmpty() && Character.isDigit(c.charAt(0)));
    }
}
