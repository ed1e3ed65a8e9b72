package io.sentiflow.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines file of texts: one object per line with TextEvent's field names, as the JSON wire
 * format has them. {@code id}, {@code source} and {@code publishedAt} may be left out (they get the
 * defaults), {@code publishedAt} (or {@code timestamp}) may also be an ISO-8601 string. Blank lines
 * are skipped. Everything else is checked by the TextEvent codec.
 */
final class JsonLinesTexts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String defaultSource;
    private final Clock clock;
    private final RecordCodec<TextEvent> codec = RecordCodec.textEvents();

    JsonLinesTexts(Path file, String defaultSource, Clock clock) {
        this.file = file;
        this.defaultSource = defaultSource;
        this.clock = clock;
    }

    List<TextEvent> read() {
        List<TextEvent> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long line = 0;
            long recordNumber = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                if (!text.isBlank()) {
                    events.add(toEvent(text, line, ++recordNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return events;
    }

    private TextEvent toEvent(String text, long line, long recordNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputException(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InputException(file, line, "expected a JSON object with a \"text\" field");
        }
        fillDefaults(object, line, recordNumber);
        Decoded<TextEvent> decoded = codec.decode(object.toString().getBytes(StandardCharsets.UTF_8));
        if (decoded instanceof Decoded.Ok<TextEvent> ok) {
            if (ok.value().getText().isBlank()) {
                throw new InputException(file, line, "the text is empty");
            }
            return ok.value();
        }
        throw new InputException(file, line, ((Decoded.Rejected<TextEvent>) decoded).message());
    }

    private void fillDefaults(ObjectNode object, long line, long recordNumber) {
        if (isMissing(object, "id")) {
            object.put("id", TextFileReader.generatedId(file, recordNumber));
        }
        if (isMissing(object, "source")) {
            object.put("source", defaultSource);
        }
        JsonNode published = object.has("publishedAt") ? object.get("publishedAt") : object.remove("timestamp");
        object.remove("timestamp");
        if (published == null || published.isNull()) {
            object.put("publishedAt", clock.millis());
        } else if (published.isTextual()) {
            try {
                object.put("publishedAt", Timestamps.parse(published.asText()).toEpochMilli());
            } catch (IllegalArgumentException e) {
                throw new InputException(file, line, e.getMessage());
            }
        } else {
            object.set("publishedAt", published);
        }
    }

    private static boolean isMissing(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
    }
}
