package io.sentiflow.scoring;

import static io.sentiflow.scoring.MicroBatchScoringOperatorTest.noGenericTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.swap.StoreModelSource;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.testing.ValidTexts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator with real model versions from a real store ({@link TinyModels}): A trained and
 * promoted, B with untrained heads over the same real encoder, and a copy of B with one byte of
 * its weights changed.
 */
class MicroBatchScoringRealModelTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final List<String> HEADLINES = List.of(
            "$AAPL shares plunge after Apple cuts its revenue forecast",
            "Fed raises interest rates by 75 basis points",
            "Oil prices climb as OPEC+ extends output cuts",
            "$AAPL shares plunge after Apple cuts its revenue forecast",
            "Tesla deliveries beat expectations, stock jumps 8%");

    @TempDir
    static Path storeRoot;

    private static String versionA;
    private static String versionB;
    private static String tamperedUri;

    private MicroBatchScoringOperator operator;
    private TwoInputStreamOperatorTestHarness<ValidText, ModelUpdate, ScoredText> harness;
    private int sent;

    @BeforeAll
    static void trainTwoVersionsAndTamperWithACopyOfB() throws IOException {
        versionA = TinyModels.trainAndPromote(storeRoot, 11L);
        versionB = TinyModels.untrainedInto(storeRoot, 12L);
        ModelStore store = ModelStore.open(storeRoot.toString());
        Path original = Path.of(URI.create(store.versionUri(versionB)));
        Path copy = original.resolveSibling(versionB + "-tampered");
        try (Stream<Path> files = Files.list(original)) {
            Files.createDirectories(copy);
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path weights = copy.resolve(Manifest.WEIGHTS_FILE);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(weights, bytes);
        tamperedUri = store.versionUri(versionB) + "-tampered";
    }

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void scoresABatchWithThePromotedVersionsFullOutput() throws Exception {
        open(null, 8);

        for (String headline : HEADLINES) {
            harness.processElement1(text(headline), 1);
        }
        harness.endInput1();

        List<ScoredText> out = harness.extractOutputValues();
        assertThat(out).hasSize(HEADLINES.size());
        assertThat(out).allSatisfy(scored -> {
            assertThat(scored.getModelVersion()).isEqualTo(versionA);
            assertThat(scored.getTopicProbabilities()).hasSize(20);
            assertThat(sum(scored.getTopicProbabilities().values())).isCloseTo(1.0, within(1e-4));
            assertThat(scored.getTopicProbabilities().get(scored.getTopic().getLabel()))
                    .isEqualTo(scored.getTopic().getConfidence());
            assertThat(scored.getSentiment().getBearish() + scored.getSentiment().getBullish()
                    + scored.getSentiment().getNeutral()).isCloseTo(1.0f, within(1e-4f));
            assertThat(scored.getSentiment().getLabel()).isIn("Bearish", "Bullish", "Neutral");
        });
        // The duplicate headline was encoded once and shares its twin's scores.
        assertThat(out.get(3).getTopicProbabilities()).isEqualTo(out.get(0).getTopicProbabilities());
        assertThat(operator.metrics().recordsScored()).isEqualTo(HEADLINES.size());
    }

    @Test
    void swapsFromAToBBetweenBatchesAndNeverScoresWithAAgain() throws Exception {
        open(null);
        scoreOne();

        harness.processElement2(update(versionB, ModelStore.open(storeRoot.toString()).versionUri(versionB)), 1);
        scoreUntilVersion(versionB);
        scoreOne();

        List<String> versions = versions();
        assertThat(versions.get(0)).isEqualTo(versionA);
        assertThat(versions.subList(versions.indexOf(versionB), versions.size())).containsOnly(versionB);
        assertThat(operator.metrics().swapsCompleted()).isEqualTo(1);
    }

    @Test
    void refusesATamperedCopyOfAVersionAndKeepsScoringWithA() throws Exception {
        open(null);

        harness.processElement2(update(versionB, tamperedUri), 1);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (operator.metrics().swapsRefused() == 0) {
            assertThat(System.nanoTime()).as("refusal within %s", DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
        scoreOne();

        assertThat(operator.metrics().swapsRefused("CHECKSUM_MISMATCH")).isEqualTo(1);
        assertThat(versions()).containsExactly(versionA);
    }

    @Test
    void reloadsTheVersionInStateAfterARestore() throws Exception {
        open(null);
        harness.processElement2(update(versionB, ModelStore.open(storeRoot.toString()).versionUri(versionB)), 1);
        scoreUntilVersion(versionB);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        open(snapshot);
        scoreOne();

        assertThat(versions()).containsExactly(versionB);
    }

    private void open(OperatorSubtaskState restored) throws Exception {
        open(restored, 1);
    }

    private void open(OperatorSubtaskState restored, int batchSize) throws Exception {
        ScoringConfig config = new ScoringConfig(storeRoot.toString(), batchSize, Duration.ofMillis(50), 1);
        operator = new MicroBatchScoringOperator(config, StoreModelSource.factory());
        harness = new TwoInputStreamOperatorTestHarness<>(operator);
        noGenericTypes(harness);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    private String scoreOne() throws Exception {
        sent++;
        harness.processElement1(text(HEADLINES.get(sent % HEADLINES.size())), sent);
        List<ScoredText> out = harness.extractOutputValues();
        return out.get(out.size() - 1).getModelVersion();
    }

    private void scoreUntilVersion(String version) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!scoreOne().equals(version)) {
            assertThat(System.nanoTime()).as("version %s scoring within %s", version, DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
    }

    private List<String> versions() {
        return harness.extractOutputValues().stream().map(ScoredText::getModelVersion).toList();
    }

    private ValidText text(String headline) {
        return ValidTexts.of("id-" + sent, headline);
    }

    private static ModelUpdate update(String version, String uri) {
        return ModelUpdate.newBuilder()
                .setVersion(version)
                .setUri(uri)
                .setManifestSha256(ModelStore.open(storeRoot.toString()).manifestSha256(version))
                .setCreatedAt(Instant.EPOCH)
                .setMetrics(Map.of())
                .setReason("test")
                .build();
    }

    private static double sum(Iterable<Float> values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }
}
