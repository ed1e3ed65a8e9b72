package io.sentiflow.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.it.support.ReadingModel;
import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentiflow demo} in short mode, in-process, as a user runs it: a real broker, a real
 * (small) promoted model, the scoring job on a local Flink, the replay with its injected spike.
 *
 * <p>Deterministic: {@link ReadingModel} (fixed seed and sample) scores every spike headline Bearish
 * at P(bearish) 0.92 to 0.99, no valid-set tweet names $ACME, and the replay's event times are
 * fixed, so the $ACME windows reach a negative share of 100% at 48 texts against the detector's
 * defaults. TinyModels' version is too weak for this: it scored the same headlines Neutral.
 */
@Timeout(600)
class DemoITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** The ids the demo gives its texts: where each comes from, and the spike's own. */
    private static final Pattern DEMO_ID = Pattern.compile("(sent_valid|topic_valid|spike-ACME|after-swap)-\\d+");
    private static final Pattern SENT = Pattern.compile("texts sent\\s+([0-9,]+)");
    private static final Pattern SWAPPED = Pattern.compile("Swapped: the scoring job scores with (\\S+) since");

    @TempDir Path store;
    @TempDir Path checkpoints;

    @Test
    void firesOnTheInjectedSpikeSwapsInTheLearnersVersionAndScoresEveryTextSent() {
        String version = ReadingModel.trainAndPromote(store);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = SentiflowCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("demo", "--bootstrap-servers", KAFKA.bootstrapServers(), "--store", store.toString(),
                        "--ui-port", "0", "--desk-port", "0", "--metrics-port", "0", "--duration", "20s",
                        "--texts-per-minute", "3",
                        "-D", "sentiflow.job.checkpoint-dir=" + checkpoints.toUri(),
                        "-D", "sentiflow.learner.checkpoint-dir=" + checkpoints.resolve("learner").toUri(),
                        "-D", "sentiflow.learner.embedding-cache=" + TinyModels.embeddingCache());

        String printed = out.toString();
        assertThat(exit).as("exit code; output:%n%s%nerrors:%n%s", printed, err).isZero();
        assertThat(printed).containsPattern("Risk desk: http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("Prometheus metrics: http://127\\.0\\.0\\.1:\\d+/metrics");
        long sent = sentCount(printed);
        assertThat(sent).as(printed).isEqualTo(600 + 48 + 20);

        List<ScoredText> scored = decode(RecordCodec.scoredTexts(),
                KAFKA.readAll("news.scored", (int) sent, Duration.ofSeconds(60)));
        assertThat(scored).extracting(ScoredText::getId).allMatch(id -> DEMO_ID.matcher(id).matches())
                .doesNotHaveDuplicates().hasSize((int) sent);
        String learnt = learntVersion(printed);
        assertThat(learnt).isNotEqualTo(version);
        assertThat(scored).extracting(ScoredText::getModelVersion).containsOnly(version, learnt);
        // The demo streams these once the learnt version is out and stops when one was scored with it.
        assertThat(scored).filteredOn(text -> text.getId().startsWith("after-swap-"))
                .extracting(ScoredText::getModelVersion).contains(learnt);
        assertThat(printed).as(printed).containsPattern("FIRING\\s+\\w+\\s+entity ACME")
                .containsPattern("RESOLVED\\s+\\w+\\s+entity ACME");

        List<SentimentAlert> alerts = decode(RecordCodec.sentimentAlerts(),
                KAFKA.readAll("alerts", 1, Duration.ofSeconds(30)));
        assertThat(alerts).anySatisfy(alert -> {
            assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
            assertThat(alert.getKeyKind()).isEqualTo(KeyKind.ENTITY);
            assertThat(alert.getKey()).isEqualTo("ACME");
            assertThat(alert.getEvidence()).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getId()).startsWith("spike-ACME-"));
        });
    }

    /** The version the demo says the scoring job swapped to. */
    private static String learntVersion(String printed) {
        Matcher matcher = SWAPPED.matcher(printed);
        assertThat(matcher.find()).as("a 'Swapped:' line in:%n%s", printed).isTrue();
        return matcher.group(1);
    }

    private static long sentCount(String printed) {
        Matcher matcher = SENT.matcher(printed);
        assertThat(matcher.find()).as("summary line 'texts sent' in:%n%s", printed).isTrue();
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static <T extends SpecificRecord> List<T> decode(RecordCodec<T> codec, List<ConsumerRecord<byte[], byte[]>> records) {
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Decoded<T> decoded = codec.decode(record.value());
            assertThat(decoded).isInstanceOf(Decoded.Ok.class);
            values.add(((Decoded.Ok<T>) decoded).value());
        }
        return values;
    }
}
