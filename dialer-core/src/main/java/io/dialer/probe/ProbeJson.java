package io.dialer.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialer.core.CallRecords;

/** The report as one JSON document (snake_case, like the call record of design.md §6). */
public final class ProbeJson {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson(ProbeReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("trunk", report.trunk());
        root.put("started_at", CallRecords.format(report.startedAt()));
        root.put("duration_ms", report.durationMs());
        root.put("summary", report.summary().wireName());
        root.put("exit_code", report.exitCode());
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : report.checks()) {
            ObjectNode n = checks.addObject();
            n.put("name", c.name());
            n.put("verdict", c.verdict().wireName());
            n.put("evidence", c.evidence());
            n.put("next_step", c.nextStep());
            ObjectNode m = n.putObject("measurements");
            c.measurements().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> m.put(e.getKey(), e.getValue()));
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
