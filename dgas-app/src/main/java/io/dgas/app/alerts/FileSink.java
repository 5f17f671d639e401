package io.dgas.app.alerts;

import io.dgas.app.Json;
import io.dgas.store.alerts.AlertEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends each alert as one JSON line to a file. */
public final class FileSink implements AlertSink {
    private final Path file;

    public FileSink(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public synchronized void deliver(AlertEvent e) throws IOException {
        String line = Json.MAPPER.writeValueAsString(body(e)) + "\n";
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The JSON document of an alert, shared with the webhook sink. */
    static Map<String, Object> body(AlertEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("rule", e.rule().name());
        m.put("type", e.rule().type().code());
        m.put("condition", e.rule().condition().code());
        m.put("symbol", e.symbol());
        m.put("at", e.at().toString());
        m.put("trigger_value", Double.isFinite(e.triggerValue()) ? e.triggerValue() : null);
        m.put("threshold_value", e.thresholdValue());
        m.put("message", e.message());
        return m;
    }
}
