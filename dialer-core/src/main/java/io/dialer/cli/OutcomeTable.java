package io.dialer.cli;

import io.dialer.core.CallRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Calls counted by {@code status / disconnection_reason}, with one example explanation each. */
final class OutcomeTable {

    private record Row(int count, String example) { }

    private final Map<String, Row> rows = new TreeMap<>();
    private final int total;

    OutcomeTable(List<CallRecord> records) {
        for (CallRecord r : records) {
            String key = r.status().wireName() + " / " + r.disconnectionReason().wireName();
            rows.merge(key, new Row(1, r.explanation()), (a, b) -> new Row(a.count() + 1, a.example()));
        }
        this.total = records.size();
    }

    void print(PrintWriter out) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        out.println();
        out.printf(Locale.ROOT, "%-" + width + "s  %5s  %s%n", "status / disconnection_reason", "calls", "example explanation");
        rows.forEach((key, row) -> out.printf(Locale.ROOT, "%-" + width + "s  %5d  %s%n", key, row.count(), row.example()));
        out.printf(Locale.ROOT, "%-" + width + "s  %5d%n", "total", total);
    }
}
