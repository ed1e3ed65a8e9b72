package io.sentiflow.cli.io;

import io.sentiflow.schema.TextEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Reads the texts of a CSV or JSON-lines file as {@link TextEvent}s, checking every record before
 * anything is sent. Missing ids become {@code <file name>:<record number>} (stable across runs),
 * missing timestamps become now, a missing source becomes the default source.
 */
public final class TextFileReader {

    private final String defaultSource;
    private final Clock clock;

    /** @param defaultSource the source of records whose file gives none */
    public TextFileReader(String defaultSource, Clock clock) {
        if (defaultSource == null || defaultSource.isBlank()) {
            throw new IllegalArgumentException("default source must not be blank");
        }
        this.defaultSource = defaultSource;
        this.clock = clock;
    }

    /**
     * All records of the file, in file order.
     *
     * @throws InputException naming the file and line of the first bad record
     */
    public List<TextEvent> read(Path file, InputFormat format) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file, "no such file (" + file.toAbsolutePath() + ")");
        }
        return switch (format) {
            case CSV -> new CsvTexts(file, defaultSource, clock).read();
            case JSONL -> new JsonLinesTexts(file, defaultSource, clock).read();
        };
    }

    /** The id of a record that has none: stable for the same file name and record number. */
    static String generatedId(Path file, long recordNumber) {
        return file.getFileName() + ":" + recordNumber;
    }
}
