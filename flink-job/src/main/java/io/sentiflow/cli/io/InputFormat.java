package io.sentiflow.cli.io;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats {@code sentiflow produce} reads texts from. */
public enum InputFormat {
    /** Comma-separated, RFC 4180 quoting (newlines inside quotes allowed), a header row naming the columns. */
    CSV,
    /** One JSON object per line with TextEvent's field names. */
    JSONL;

    /** {@code .jsonl}, {@code .ndjson} and {@code .json} files are JSON lines; everything else is CSV. */
    public static InputFormat detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json") ? JSONL : CSV;
    }
}
