package io.sentiflow.cli.io;

import io.sentiflow.schema.TextEvent;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file of texts: a header row, then one record per text (RFC 4180; quoted fields may hold
 * commas and newlines). Columns: {@code text} (required), {@code id}, {@code source}, {@code
 * timestamp} (or {@code publishedAt}), {@code lang}, {@code entities} (separated by spaces, commas,
 * semicolons or bars); any other column is kept in the record's {@code attributes}.
 */
final class CsvTexts {

    private static final Set<String> TIMESTAMP_COLUMNS = Set.of("timestamp", "publishedat", "published_at");
    private static final Set<String> KNOWN_COLUMNS = Set.of("text", "id", "source", "lang", "entities",
            "timestamp", "publishedat", "published_at");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true)
            .setIgnoreEmptyLines(true)
            .get();

    private final Path file;
    private final String defaultSource;
    private final Clock clock;

    CsvTexts(Path file, String defaultSource, Clock clock) {
        this.file = file;
        this.defaultSource = defaultSource;
        this.clock = clock;
    }

    List<TextEvent> read() {
        List<TextEvent> events = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (header.stream().noneMatch(name -> name.equalsIgnoreCase("text"))) {
                throw new InputException(file, 1, "no 'text' column; the header names " + header);
            }
            long previousEnd = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                events.add(toEvent(record, header, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalStateException | UncheckedIOException e) {
            // Commons CSV reports broken quoting this way; its message names the position.
            throw new InputException(file, "not valid CSV: " + e.getMessage());
        }
        return events;
    }

    private TextEvent toEvent(CSVRecord record, List<String> header, long line) {
        if (record.size() > header.size()) {
            throw new InputException(file, line, record.size() + " values but the header names " + header.size()
                    + " columns (quote texts that contain commas)");
        }
        String text = value(record, "text");
        if (text.isBlank()) {
            throw new InputException(file, line, "the text is empty");
        }
        TextEvent.Builder event = TextEvent.newBuilder()
                .setText(text)
                .setId(orElse(value(record, "id"), TextFileReader.generatedId(file, record.getRecordNumber())))
                .setSource(orElse(value(record, "source"), defaultSource))
                .setPublishedAt(timestamp(record, header, line));
        String lang = value(record, "lang");
        if (!lang.isBlank()) {
            event.setLang(lang.strip());
        }
        String entities = value(record, "entities");
        if (!entities.isBlank()) {
            event.setEntities(Arrays.stream(entities.strip().split("[\\s,;|]+")).toList());
        }
        Map<String, String> attributes = attributes(record, header);
        if (!attributes.isEmpty()) {
            event.setAttributes(attributes);
        }
        return event.build();
    }

    private Instant timestamp(CSVRecord record, List<String> header, long line) {
        for (String column : header) {
            if (TIMESTAMP_COLUMNS.contains(column.toLowerCase(Locale.ROOT))) {
                String value = value(record, column);
                if (!value.isBlank()) {
                    try {
                        return Timestamps.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new InputException(file, line, e.getMessage());
                    }
                }
            }
        }
        return clock.instant();
    }

    private static Map<String, String> attributes(CSVRecord record, List<String> header) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String column : header) {
            String value = value(record, column);
            if (!column.isBlank() && !KNOWN_COLUMNS.contains(column.toLowerCase(Locale.ROOT)) && !value.isEmpty()) {
                attributes.put(column, value);
            }
        }
        return attributes;
    }

    /** The column's value, or "" when the column is absent from the header or the row is short. */
    private static String value(CSVRecord record, String column) {
        return record.isMapped(column) && record.isSet(column) ? record.get(column) : "";
    }

    private static String orElse(String value, String fallback) {
        return value.isBlank() ? fallback : value.strip();
    }
}
