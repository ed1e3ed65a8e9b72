package io.sentiflow.it.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation end to end: a real broker started by the same code as {@code sentiflow kafka
 * start}, 1,000 TextEvents sent by {@code sentiflow produce} (500 as Avro from CSV, 500 as JSON from
 * JSON lines) and read back by {@code sentiflow consume --json} under read_committed.
 */
class ProduceConsumeITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Instant BASE = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir Path dir;

    @Test
    void readsBackEveryProducedTextEventWithItsFieldsFromAvroAndJson() throws IOException {
        String topic = KAFKA.createUniqueTopic("news.raw.it", 4);
        Map<String, TextEvent> expected = new java.util.HashMap<>();
        Path csv = writeCsv(dir.resolve("avro-input.csv"), 500, expected);
        Path jsonl = writeJsonLines(dir.resolve("json-input.jsonl"), 500, expected);

        assertThat(run("produce", "--file", csv.toString(), "--format", "avro", "--topic", topic, "--quiet"))
                .contains("Sent 500 records");
        assertThat(run("produce", "--file", jsonl.toString(), "--format", "json", "--topic", topic, "--quiet"))
                .contains("Sent 500 records");
        String consumed = run("consume", "--topic", topic, "--type", "text_event", "--from-beginning", "--json",
                "--max", "1000", "--idle-timeout", "30s");

        List<TextEvent> events = consumed.lines().map(ProduceConsumeITCase::decodeJsonLine).toList();
        assertThat(events).hasSize(1000);
        Map<String, TextEvent> byId = events.stream().collect(Collectors.toMap(TextEvent::getId, Function.identity()));
        assertThat(byId).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void sendsHalfAsAvroSingleObjectsAndHalfAsJsonKeyedById() throws IOException {
        String topic = KAFKA.createUniqueTopic("news.raw.formats", 2);
        Map<String, TextEvent> expected = new java.util.HashMap<>();
        run("produce", "--file", writeCsv(dir.resolve("a.csv"), 50, expected).toString(),
                "--format", "avro", "--topic", topic, "--quiet");
        run("produce", "--file", writeJsonLines(dir.resolve("j.jsonl"), 50, expected).toString(),
                "--format", "json", "--topic", topic, "--quiet");

        List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll(topic, 100, Duration.ofSeconds(30));

        assertThat(records).hasSize(100);
        assertThat(records).allSatisfy(record ->
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(decode(record.value()).getId()));
        Map<String, Long> formats = records.stream().collect(Collectors.groupingBy(
                record -> (record.value()[0] & 0xFF) == 0xC3 && record.value()[1] == 0x01 ? "avro" : new String(
                        record.value(), 0, 1, StandardCharsets.UTF_8), Collectors.counting()));
        assertThat(formats).containsExactlyInAnyOrderEntriesOf(Map.of("avro", 50L, "{", 50L));
    }

    /** CSV rows with quoted commas and newlines, ISO timestamps on even rows and epoch millis on odd. */
    private static Path writeCsv(Path file, int rows, Map<String, TextEvent> expected) throws IOException {
        List<String> lines = new ArrayList<>(List.of("id,source,text,timestamp,entities"));
        for (int i = 0; i < rows; i++) {
            Instant at = BASE.plusSeconds(i);
            String text = "Avro text " + i + ", \"quoted\"" + (i % 10 == 0 ? "\nsecond line" : "");
            lines.add(String.join(",", "avro-" + i, "newswire", "\"" + text.replace("\"", "\"\"") + "\"",
                    i % 2 == 0 ? at.toString() : String.valueOf(at.toEpochMilli()), "AAPL;MSFT"));
            expected.put("avro-" + i, TextEvent.newBuilder().setId("avro-" + i).setSource("newswire").setText(text)
                    .setPublishedAt(at).setEntities(List.of("AAPL", "MSFT")).build());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeJsonLines(Path file, int rows, Map<String, TextEvent> expected) throws IOException {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();
        List<String> lines = IntStream.range(0, rows).mapToObj(i -> {
            TextEvent event = TextEvent.newBuilder().setId("json-" + i).setSource("forum")
                    .setText("JSON text " + i + " über $TSLA").setPublishedAt(BASE.plusMillis(i)).setLang("en").build();
            expected.put(event.getId(), event);
            return codec.toJson(event);
        }).toList();
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs a sentiflow command in this JVM against the test broker; returns its stdout. */
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers()));
        int exitCode = SentiflowCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
        assertThat(exitCode).as("exit code of %s; stderr: %s", all, err).isZero();
        return out.toString();
    }

    private static TextEvent decodeJsonLine(String line) {
        return decode(line.getBytes(StandardCharsets.UTF_8));
    }

    private static TextEvent decode(byte[] payload) {
        Decoded<TextEvent> decoded = RecordCodec.textEvents().decode(payload);
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<TextEvent>) decoded).value();
    }
}
