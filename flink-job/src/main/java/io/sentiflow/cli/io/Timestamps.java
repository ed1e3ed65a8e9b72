package io.sentiflow.cli.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Parses the timestamps producers write: ISO-8601 or epoch milliseconds. Stateless. */
public final class Timestamps {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]{1,19}");

    private Timestamps() {}

    /**
     * {@code 1700000000000} (epoch milliseconds), {@code 2024-03-01T12:00:00Z}, {@code
     * 2024-03-01T12:00:00+01:00}, or, read as UTC, {@code 2024-03-01T12:00:00} and {@code 2024-03-01}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant parse(String value) {
        String text = value.strip();
        if (EPOCH_MILLIS.matcher(text).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("timestamp '" + value
                            + "' is neither epoch milliseconds nor ISO-8601 (2024-03-01T12:00:00Z)");
                }
            }
        }
    }
}
