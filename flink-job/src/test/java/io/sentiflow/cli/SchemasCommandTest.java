package io.sentiflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sentiflow schemas} publishes what a consumer in another language needs to decode Avro records. */
class SchemasCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir Path dir;

    @Test
    void listsEverySchemaWithItsFingerprintAndTheBytesItsRecordsStartWith() {
        assertThat(run("schemas")).isZero();

        String fingerprint = String.format("%016X", SchemaNormalization.parsingFingerprint64(SentimentAlert.getClassSchema()));
        assertThat(out.toString()).contains("io.sentiflow.schema.TextEvent", "io.sentiflow.schema.LearnerCommand")
                .containsPattern("io\\.sentiflow\\.schema\\.SentimentAlert +current +0x" + fingerprint + " +C3 01 ")
                .containsPattern("io\\.sentiflow\\.schema\\.TextEvent +v0 +0x");
    }

    @Test
    void printsTheCurrentSchemaOfANamedRecord() {
        assertThat(run("schemas", "sentimentalert")).isZero();

        Schema printed = new Schema.Parser().parse(out.toString());
        assertThat(SchemaNormalization.parsingFingerprint64(printed))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(SentimentAlert.getClassSchema()));
        assertThat(printed.getField("state").schema().getEnumDefault()).isEqualTo("FIRING");
    }

    @Test
    void writesTheFilesAndAnIndexWhoseFingerprintsAreThoseOfTheFiles() throws Exception {
        assertThat(run("schemas", "--dir", dir.toString())).isZero();

        JsonNode index = new ObjectMapper().readTree(dir.resolve("fingerprints.json").toFile());
        assertThat(index).hasSize(7);
        for (JsonNode entry : index) {
            Schema schema = new Schema.Parser().parse(Files.readString(dir.resolve(entry.get("file").asText())));
            assertThat(entry.get("record").asText()).isEqualTo(schema.getFullName());
            assertThat(Long.parseUnsignedLong(entry.get("fingerprint").asText().substring(2), 16))
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
        }
        assertThat(dir.resolve("TextEvent-v0.avsc")).exists();
        byte[] payload = RecordCodec.textEvents().encode(TextEvent.newBuilder().setId("a").setSource("s").setText("t")
                .setPublishedAt(Instant.EPOCH).build(), WireFormat.AVRO);
        assertThat(index.findValuesAsText("header")).contains(hex(payload));
    }

    @Test
    void refusesAnUnknownRecordNamingTheKnownOnes() {
        assertThat(run("schemas", "Tweet")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("no record named 'Tweet'", "SentimentAlert").doesNotContain("\tat ");
    }

    private static String hex(byte[] payload) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            text.append(i == 0 ? "" : " ").append(String.format("%02X", payload[i] & 0xFF));
        }
        return text.toString();
    }

    private int run(String... args) {
        return SentiflowCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
