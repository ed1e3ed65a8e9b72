package io.sentiflow.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.ingest.ValidText;
import java.util.List;

/**
 * Valid texts for tests that start after validation (scoring, benchmarks), each with a {@link
 * RawRecord} origin on {@code news.raw} partition 0 whose value is the text's UTF-8 bytes, so a
 * dead letter made from it can be matched back to the text. The offset is derived from the id.
 */
public final class ValidTexts {

    private ValidTexts() {}

    public static ValidText of(String id, String source, String text, long publishedAt, List<String> entities) {
        RawRecord origin = new RawRecord("news.raw", 0, id.hashCode() & Integer.MAX_VALUE, publishedAt,
                id.getBytes(UTF_8), text.getBytes(UTF_8));
        return new ValidText(id, source, text, publishedAt, entities, origin);
    }

    public static ValidText of(String id, String text) {
        return of(id, "newswire", text, 1_000, List.of());
    }
}
