package io.sentiflow.cli.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.schema.TextEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileReaderTest {

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir Path dir;

    private final TextFileReader reader = new TextFileReader("file", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void readsIsoAndEpochTimestampsIntoPublishedAt() throws IOException {
        Path csv = write("t.csv", "id,text,timestamp\n"
                + "a,first,2024-03-01T12:00:00Z\n"
                + "b,second,1700000000000\n"
                + "c,third,2024-03-01T13:00:00+01:00\n"
                + "d,fourth,2024-03-02\n");

        List<TextEvent> events = reader.read(csv, InputFormat.CSV);

        assertThat(events).extracting(TextEvent::getPublishedAt).containsExactly(
                Instant.parse("2024-03-01T12:00:00Z"),
                Instant.ofEpochMilli(1_700_000_000_000L),
                Instant.parse("2024-03-01T12:00:00Z"),
                Instant.parse("2024-03-02T00:00:00Z"));
    }

    @Test
    void keepsCommasQuotesAndNewlinesInsideQuotedTexts() throws IOException {
        Path csv = write("q.csv", "text,id\n\"Buy, \"\"now\"\"\nor later\",x1\nplain,x2\n");

        List<TextEvent> events = reader.read(csv, InputFormat.CSV);

        assertThat(events).extracting(TextEvent::getText).containsExactly("Buy, \"now\"\nor later", "plain");
    }

    @Test
    void fillsMissingColumnsWithStableIdsNowAndTheDefaultSource() throws IOException {
        Path csv = write("sent.csv", "text,label\n$AAPL up,1\n$MSFT down,0\n");

        List<TextEvent> events = reader.read(csv, InputFormat.CSV);

        assertThat(events).extracting(TextEvent::getId).containsExactly("sent.csv:1", "sent.csv:2");
        assertThat(events).extracting(TextEvent::getSource).containsOnly("file");
        assertThat(events).extracting(TextEvent::getPublishedAt).containsOnly(NOW);
        assertThat(events.get(0).getAttributes()).isEqualTo(Map.of("label", "1"));
        assertThat(events.get(0).getEntities()).isNull();
    }

    @Test
    void splitsEntitiesAndKeepsLangAndSource() throws IOException {
        Path csv = write("e.csv", "text,source,lang,entities\nhello,twitter,en,AAPL; MSFT|TSLA\n");

        TextEvent event = reader.read(csv, InputFormat.CSV).get(0);

        assertThat(event.getSource()).isEqualTo("twitter");
        assertThat(event.getLang()).isEqualTo("en");
        assertThat(event.getEntities()).containsExactly("AAPL", "MSFT", "TSLA");
    }

    @Test
    void namesTheLineOfABadTimestampCountingQuotedNewlines() throws IOException {
        Path csv = write("bad.csv", "text,timestamp\n\"two\nlines\",2024-01-01T00:00:00Z\nthird,yesterday\n");

        assertThatThrownBy(() -> reader.read(csv, InputFormat.CSV))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("bad.csv line 4: timestamp 'yesterday'");
    }

    @Test
    void rejectsAFileWithoutTextColumnOrWithAnEmptyText() throws IOException {
        assertThatThrownBy(() -> reader.read(write("n.csv", "id,body\n1,x\n"), InputFormat.CSV))
                .hasMessageContaining("no 'text' column");
        assertThatThrownBy(() -> reader.read(write("m.csv", "id,text\n1,ok\n2,\n"), InputFormat.CSV))
                .hasMessage("m.csv line 3: the text is empty");
    }

    @Test
    void rejectsARowWithMoreValuesThanColumns() throws IOException {
        assertThatThrownBy(() -> reader.read(write("c.csv", "id,text\n1,unquoted, comma\n"), InputFormat.CSV))
                .hasMessageContaining("c.csv line 2: 3 values but the header names 2 columns");
    }

    @Test
    void readsJsonLinesWithDefaultsAndIsoTimestamps() throws IOException {
        Path jsonl = write("in.jsonl", "{\"text\":\"one\",\"timestamp\":\"2024-03-01T12:00:00Z\"}\n\n"
                + "{\"id\":\"k\",\"source\":\"forum\",\"text\":\"two\",\"publishedAt\":5,\"entities\":[\"AAPL\"]}\n");

        List<TextEvent> events = reader.read(jsonl, InputFormat.detect(jsonl));

        assertThat(events).extracting(TextEvent::getId).containsExactly("in.jsonl:1", "k");
        assertThat(events.get(0).getPublishedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
        assertThat(events.get(1).getPublishedAt()).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(events.get(1).getEntities()).containsExactly("AAPL");
    }

    @Test
    void namesTheLineOfBadJson() throws IOException {
        Path jsonl = write("bad.jsonl", "{\"text\":\"fine\"}\n{\"text\": 5}\n");

        assertThatThrownBy(() -> reader.read(jsonl, InputFormat.JSONL))
                .hasMessageStartingWith("bad.jsonl line 2: ")
                .hasMessageContaining("text");
    }

    @Test
    void detectsJsonLinesByExtension() {
        assertThat(InputFormat.detect(Path.of("a.jsonl"))).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.detect(Path.of("a.JSON"))).isEqualTo(InputFormat.JSONL);
        assertThat(InputFormat.detect(Path.of("a.csv"))).isEqualTo(InputFormat.CSV);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
