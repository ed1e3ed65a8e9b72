package io.sentiflow.it.scoring;

import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Real headlines from the shared tweet valid sets, as TextEvents for the scoring tests. */
final class TestTexts {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private TestTexts() {}

    /** The texts of the sentiment and topic valid sets, in file order. */
    static List<String> headlines() {
        Path data = Path.of(System.getProperty("sentiflow.data.dir", "../shared/data"));
        List<String> texts = new ArrayList<>();
        texts.addAll(column(data.resolve("twitter_financial_news_sentiment/sent_valid.csv")));
        texts.addAll(column(data.resolve("twitter_financial_news_topic/topic_valid.csv")));
        return texts;
    }

    /** Event {@code seq} with id {@code id}: a headline (cycled), one second after the previous. */
    static TextEvent event(String id, int seq, List<String> headlines) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource("it")
                .setText(headlines.get(seq % headlines.size()))
                .setPublishedAt(START.plusSeconds(seq))
                .build();
    }

    static byte[] avro(TextEvent event) {
        return RecordCodec.textEvents().encode(event, WireFormat.AVRO);
    }

    private static List<String> column(Path csv) {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<String> texts = new ArrayList<>();
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                String text = row.get("text");
                if (!text.isBlank()) {
                    texts.add(text);
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }
}
