package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.alerts.AlertOptions;
import io.sentiflow.cli.SentiflowCommand;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.testing.KafkaBrokerExtension;
import io.sentiflow.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's kcat lines and Python programs, run as written with Debian's kcat and Python against a
 * real broker and the real job: texts go in with the README's kcat line and Python producer, the job
 * scores them twice (bounded, on the same input), once with the default Avro output and once with
 * {@code sentiflow.job.output-format=json}, and what comes out is read with the README's kcat lines and
 * Python consumer. Only the broker address, topic names and file paths are mapped, as in
 * {@link ReadmeCommandsITCase}.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the machine is shared; this bounds a hang, not speed
class ReadmeToolsITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(InMemoryReporter.createWithRetainedMetrics());

    private static final Path README = Path.of(System.getProperty("sentiflow.home", "..")).resolve("README.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final int TEXTS = 60;

    @TempDir static Path work;

    private static List<String> commands;
    private static ReadmeSnippets snippets;
    private static PipelineTopics avro;
    private static PipelineTopics json;

    /** Sends the texts with kcat and Python, then scores them in each output format. */
    @BeforeAll
    static void produceWithTheReadmesToolsAndScoreInBothFormats() throws Exception {
        DebianTools.require(work);
        commands = ReadmeCommands.of(README);
        snippets = ReadmeSnippets.of(README);
        Path store = Files.createDirectories(work.resolve("models"));
        TinyModels.trainAndPromote(store, 11L);
        avro = PipelineTopics.create(KAFKA, "tools-avro", 2);
        PipelineTopics jsonOutputs = PipelineTopics.create(KAFKA, "tools-json", 2);
        json = new PipelineTopics(avro.raw(), jsonOutputs.scored(), jsonOutputs.dlq(), jsonOutputs.updates(),
                jsonOutputs.alerts());

        Files.write(work.resolve("news.jsonl"), inputLines());
        assertSucceeds(DebianTools.shell(work, kcatLine("-P", "news.raw", avro), TOOL_TIMEOUT));
        assertSucceeds(DebianTools.python(work, python("KafkaProducer", Map.of("\"news.raw\"", avro.raw())), TOOL_TIMEOUT));

        score(avro, Map.of());
        score(json, Map.of("sentiflow.job.output-format", "json"));
    }

    @Test
    void kcatReadsEveryScoredTextAsJsonWithTheDocumentedFields() throws Exception {
        List<JsonNode> scored = kcatRead("news.scored");

        assertThat(scored).hasSize(TEXTS + 1);
        JsonNode example = JSON.readTree(snippets.block("json", "\"topicProbabilities\""));
        assertThat(RecordCodec.scoredTexts().decode(JSON.writeValueAsBytes(example)).isOk()).as("the example decodes").isTrue();
        for (JsonNode record : scored) {
            JsonShapes.assertDocumented(record, example);
            assertThat(RecordCodec.scoredTexts().decode(JSON.writeValueAsBytes(record)).isOk()).isTrue();
        }
        assertThat(scored).extracting(record -> record.get("id").asText()).contains("py-1", "kcat-0", "kcat-59");
    }

    @Test
    void kcatReadsTheAlertsAsJsonWithTheDocumentedFields() throws Exception {
        List<JsonNode> alerts = kcatRead("alerts");

        assertThat(alerts).isNotEmpty().anyMatch(alert -> alert.get("key").asText().equals("ACME"));
        JsonNode example = JSON.readTree(snippets.block("json", "\"alertId\""));
        assertThat(RecordCodec.sentimentAlerts().decode(JSON.writeValueAsBytes(example)).isOk()).isTrue();
        alerts.forEach(alert -> JsonShapes.assertDocumented(alert, example));
    }

    @Test
    void kcatShowsADeadLetterWithSentiflowsAndKafkaConnectsHeaders() {
        String line = kcatLine("-C", "news.dlq", json);
        DebianTools.Output output = DebianTools.shell(work, line, TOOL_TIMEOUT);

        assertSucceeds(output);
        assertThat(output.out()).contains("sentiflow.source.topic=" + avro.raw(), "sentiflow.error.class=MISSING_FIELD",
                "__connect.errors.topic=" + avro.raw(), "__connect.errors.partition=", "__connect.errors.offset=",
                "__connect.errors.exception.class.name=MISSING_FIELD", "__connect.errors.exception.message=",
                "\"id\":\"kcat-bad\"");
    }

    @Test
    void thePythonConsumerReadsAlertsInEitherFormatAsTheJavaCodecDoes() throws Exception {
        assertThat(commands).contains("./sentiflow schemas --dir schemas");
        assertThat(SentiflowCommand.commandLine().execute("schemas", "--dir", work.resolve("schemas").toString())).isZero();

        Map<String, JsonNode> fromAvro = pythonRead(avro.alerts(), "avro");
        Map<String, JsonNode> fromJson = pythonRead(json.alerts(), "json");

        assertThat(fromAvro).isNotEmpty();
        assertThat(fromJson.keySet()).as("the same alerts from both runs").isEqualTo(fromAvro.keySet());
        JsonNode example = JSON.readTree(snippets.block("json", "\"alertId\""));
        for (String key : fromAvro.keySet()) {
            JsonShapes.assertDocumented(fromAvro.get(key), example);
            JsonShapes.assertDocumented(fromJson.get(key), example);
        }
    }

    /**
     * The alerts the README's Python consumer prints for {@code topic}, by alert id and state, after
     * checking each is in {@code format} and equals the Java codec's reading of the same record.
     */
    private static Map<String, JsonNode> pythonRead(String topic, String format) throws Exception {
        DebianTools.Output output = DebianTools.python(work, python("KafkaConsumer", Map.of("\"alerts\"", topic)),
                TOOL_TIMEOUT);
        assertSucceeds(output);
        RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();
        Map<String, JsonNode> byJava = new TopicIo(KAFKA).readCommitted(topic).stream()
                .map(record -> ((Decoded.Ok<SentimentAlert>) codec.decode(record.value())).value())
                .map(alert -> readTree(codec.toJson(alert)))
                .collect(Collectors.toMap(ReadmeToolsITCase::episode, Function.identity()));
        List<JsonNode> printed = new ArrayList<>();
        for (String line : output.out().lines().toList()) {
            assertThat(line).as("wire format in front").startsWith(format + " ");
            printed.add(readTree(line.substring(format.length() + 1)));
        }
        Map<String, JsonNode> byPython = printed.stream().collect(Collectors.toMap(ReadmeToolsITCase::episode,
                Function.identity()));
        assertThat(byPython.keySet()).isEqualTo(byJava.keySet());
        byJava.forEach((key, alert) -> JsonShapes.assertSameRecord(alert, byPython.get(key), key));
        return byPython;
    }

    /** The README's kcat line that reads or writes {@code role}, mapped onto this test's broker and topics. */
    private static String kcatLine(String mode, String role, PipelineTopics topics) {
        String prefix = "kcat " + mode + " -b 127.0.0.1:9092 -t " + role + " ";
        List<String> lines = commands.stream().filter(line -> line.startsWith(prefix)).toList();
        assertThat(lines).as("README lines starting with %s", prefix).hasSize(1);
        Map<String, String> names = Map.of("news.raw", topics.raw(), "news.scored", topics.scored(),
                "news.dlq", topics.dlq(), "alerts", topics.alerts());
        return lines.get(0).replace("127.0.0.1:9092", KAFKA.bootstrapServers())
                .replace(" -t " + role + " ", " -t " + names.get(role) + " ")
                .replace("/tmp/news.jsonl", work.resolve("news.jsonl").toString());
    }

    /** Every line kcat prints for the JSON run's {@code role} topic, each parsed as JSON. */
    private static List<JsonNode> kcatRead(String role) {
        DebianTools.Output output = DebianTools.shell(work, kcatLine("-C", role, json), TOOL_TIMEOUT);
        assertSucceeds(output);
        return output.out().lines().map(ReadmeToolsITCase::readTree).toList();
    }

    /** The README's Python program that contains {@code marker}, on this test's broker and topics. */
    private static String python(String marker, Map<String, String> literals) {
        String program = snippets.block("python", marker);
        assertThat(program).contains("\"127.0.0.1:9092\"");
        program = program.replace("\"127.0.0.1:9092\"", "\"" + KAFKA.bootstrapServers() + "\"");
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            assertThat(program).contains(literal.getKey());
            program = program.replace(literal.getKey(), "\"" + literal.getValue() + "\"");
        }
        return program;
    }

    private static void score(PipelineTopics topics, Map<String, String> settings) throws Exception {
        Configuration conf = ScoringRuns.configuration(topics, work.resolve("models").toString(),
                Files.createTempDirectory(work, "checkpoints-"), true);
        // Every text counts as negative and one is volume enough: ACME alerts whatever the tiny model says.
        conf.set(AlertOptions.NEGATIVE_THRESHOLD, 0.0);
        conf.set(AlertOptions.MIN_VOLUME, 1);
        settings.forEach(conf::setString);
        ScoringRuns.runToEnd(conf, KAFKA.connection());
    }

    /** JSON lines as a producer writes them: texts about ACME five seconds apart, and one without publishedAt. */
    private static List<String> inputLines() {
        Instant start = Instant.now().minus(Duration.ofMinutes(20));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TEXTS; i++) {
            lines.add("{\"id\":\"kcat-" + i + "\",\"source\":\"kcat\",\"text\":\"$ACME falls " + (i + 1)
                    + " percent as the fraud probe widens to unit " + i + "\",\"publishedAt\":\""
                    + start.plusSeconds(5L * i) + "\",\"entities\":[\"ACME\"]}");
        }
        lines.add("{\"id\":\"kcat-bad\",\"source\":\"kcat\",\"text\":\"no publishedAt here\"}");
        return lines;
    }

    private static String episode(JsonNode alert) {
        return alert.get("alertId").asText() + "/" + alert.get("state").asText();
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static void assertSucceeds(DebianTools.Output output) {
        assertThat(output.exit()).as("%s", output).isZero();
    }
}
