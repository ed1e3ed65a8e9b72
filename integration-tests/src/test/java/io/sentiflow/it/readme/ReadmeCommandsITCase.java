package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.EvidenceText;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.Severity;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command the README shows, as written, so the README cannot drift from the code: the
 * {@code ./sentiflow} commands in-process through the same picocli entry point the launcher calls,
 * shell lines through bash, each against a real broker (started by the README's own
 * {@code kafka start}), a real model store and a local Flink. Only the environment differs from a
 * user's: a sandbox home, sampled data and free ports ({@link ReadmeSandbox}). Commands that need
 * more than one JVM can give (the demo, a cluster, the full build) are named with the test that runs
 * them; a README command that is in neither list fails this test.
 */
@Timeout(900)
class ReadmeCommandsITCase {

    private static final Path README = Path.of(System.getProperty("sentiflow.home", "..")).resolve("README.md");

    private static final String TOOLS = "ReadmeToolsITCase (Debian's kcat and Python on a real broker and job)";

    /** README commands run by another test or by CI itself, and where. */
    private static final Map<String, String> ELSEWHERE = Map.ofEntries(
            Map.entry("./sentiflow demo", "DemoITCase (the demo in short mode)"),
            Map.entry("./sentiflow demo --duration 90s", "DemoITCase (the demo in short mode, --duration 20s)"),
            Map.entry("./sentiflow learner",
                    "LearnerCrashITCase (the learner command in a child JVM, killed and restarted)"),
            Map.entry("mvn -B -ntp verify", ".ci/run (CI runs exactly this)"),
            Map.entry("mvn -B -ntp -DskipTests package", ".ci/run (verify includes package)"),
            Map.entry("flink run -c io.sentiflow.job.ScoringJob flink-job/target/sentiflow-flink-job-0.1.0-SNAPSHOT-job.jar"
                    + " --sentiflow.kafka.bootstrap-servers kafka:9092 --sentiflow.model.store s3://bucket/models"
                    + " --sentiflow.job.checkpoint-dir s3://bucket/checkpoints --sentiflow.job.parallelism 2",
                    "StandaloneClusterITCase (the same job jar and entry class submitted to a standalone cluster)"),
            Map.entry("kcat -P -b 127.0.0.1:9092 -t news.raw -l /tmp/news.jsonl", TOOLS),
            Map.entry("kcat -C -b 127.0.0.1:9092 -t news.dlq -X isolation.level=read_committed -e -q -f '%h\\n%s\\n'",
                    TOOLS),
            Map.entry("kcat -C -b 127.0.0.1:9092 -t news.scored -X isolation.level=read_committed -e -q -f '%s\\n'",
                    TOOLS),
            Map.entry("kcat -C -b 127.0.0.1:9092 -t alerts -X isolation.level=read_committed -e -q -f '%s\\n'", TOOLS),
            Map.entry("./sentiflow schemas --dir schemas", TOOLS + ", where the Python consumer reads them"));

    @TempDir Path home;

    @Test
    void everyReadmeCommandRunsAsWritten() throws Exception {
        List<String> readme = ReadmeCommands.of(README);
        Path shared = Path.of(System.getProperty("sentiflow.data.dir"));
        try (ReadmeSandbox sandbox = new ReadmeSandbox(home, shared, 150)) {
            Runner runner = new Runner(sandbox);
            try {
                new Scenario(runner, sandbox).run(readme);
            } finally {
                runner.stopBrokerQuietly();
            }
            Set<String> accounted = new LinkedHashSet<>(runner.ran());
            accounted.addAll(ELSEWHERE.keySet());
            assertThat(readme).as("README commands neither run here nor named in ELSEWHERE").isSubsetOf(accounted);
            assertThat(accounted).as("commands run or listed here that the README no longer shows")
                    .isSubsetOf(readme);
        }
    }

    /** The README's commands in an order that works (start before produce, train before score...). */
    private record Scenario(Runner runner, ReadmeSandbox sandbox) {

        void run(List<String> readme) throws Exception {
            runner.expect("./sentiflow kafka start", 0, "(?s).*news\\.raw.*");
            runner.expect("./sentiflow kafka status", 0, "(?s).*");
            for (String command : readme) {
                if (command.startsWith("echo ")) {
                    runner.shell(command);
                }
            }
            runner.expect("./sentiflow produce --file ../shared/data/twitter_financial_news_sentiment/sent_valid.csv",
                    0, "(?s).*150.*");
            runner.expect("./sentiflow produce --file /tmp/news.jsonl --format json --rate 100", 0, "(?s).*1.*");
            runner.expect("./sentiflow consume --topic news.raw --from-beginning --max 5", 0, "(?s).*");
            runner.expect("./sentiflow schemas", 0, "(?s).*io\\.sentiflow\\.schema\\.SentimentAlert +current +0x.*");
            runner.expect("./sentiflow schemas SentimentAlert", 0, "(?s).*\"default\" : \"FIRING\".*");
            runner.sendRaw("news.raw", "this is not a TextEvent".getBytes(StandardCharsets.UTF_8));
            runner.expect("./sentiflow train", 0, "(?s).*version \\S+ \\(promoted\\).*");
            runner.expect("./sentiflow models list", 0, "(?s).*\\*.*");
            runner.expect("./sentiflow models show VERSION", 0, "(?s).*\"topicLabels\".*");
            runner.expect("./sentiflow models show V", 0, "(?s).*\"sentimentLabels\".*");
            runner.expect("./sentiflow eval --task sentiment --data "
                    + "../shared/data/twitter_financial_news_sentiment/sent_valid.csv", 0, "(?s).*accuracy.*");
            runner.expect("./sentiflow eval --task topic --data ../shared/data/twitter_financial_news_topic/topic_valid.csv"
                    + " --json", 0, "(?s).*\"accuracy\".*");
            runner.expect("./sentiflow feedback --file labels.csv --task sentiment", 0, "(?s).*150.*");
            runner.expect("./sentiflow learn --now", 0, "(?s).*TRAIN_NOW.*");
            runner.expect("./sentiflow score", 0, "(?s).*Scoring job finished.*");
            runner.expect("./sentiflow consume --topic news.scored --from-beginning --json --idle-timeout 10s", 0,
                    "(?s).*\"modelVersion\".*");
            runner.expect("./sentiflow consume --topic news.dlq --from-beginning --max 20", 0, "(?s).*news\\.raw.*");
            runner.sendRaw("alerts", alert());
            runner.expect("./sentiflow alerts --from-beginning", 0, "(?s).*FIRING.*ACME.*");
            runner.expectWhileSending("./sentiflow alerts --follow --json", "alerts", alert(), "(?s).*\"alertId\".*");
            runner.expect("./sentiflow train --sentiment-data my.csv --topic-data my_topics.csv --encoder int8", 0,
                    "(?s).*version \\S+ in.*");
            String trainedFirst = runner.promotedVersion();
            runner.expect("./sentiflow models promote VERSION", 0, "(?s).*");
            assertThat(runner.promotedVersion()).as("promoted after promote").isNotEqualTo(trainedFirst);
            runner.expect("./sentiflow models rollback", 0, "(?s).*");
            assertThat(runner.promotedVersion()).as("promoted after rollback").isEqualTo(trainedFirst);
            runner.expect("./sentiflow bench model", 0, "(?s).*64.*");
            runner.expect("./sentiflow kafka stop", 0, "(?s).*");
            runner.expect("./sentiflow kafka status", 3, "(?s).*");
            runner.expect("./sentiflow bench pipeline", 0, "(?s).*");
        }

        private static byte[] alert() {
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            SentimentAlert alert = SentimentAlert.newBuilder().setAlertId("readme-" + now.toEpochMilli()).setKeyKind(KeyKind.ENTITY)
                    .setKey("ACME").setState(AlertState.FIRING).setSeverity(Severity.CRITICAL)
                    .setWindowStart(now.minusSeconds(600)).setWindowEnd(now).setCount(40).setNegativeShare(0.9)
                    .setBaselineShare(0.15).setZScore(7.5)
                    .setEvidence(List.of(EvidenceText.newBuilder().setId("e-1").setSnippet("$ACME plunges on fraud probe")
                            .setScore(0.97f).build()))
                    .setModelVersions(List.of("v1")).setFiredAt(now).build();
            return RecordCodec.sentimentAlerts().encode(alert, WireFormat.AVRO);
        }
    }
}
