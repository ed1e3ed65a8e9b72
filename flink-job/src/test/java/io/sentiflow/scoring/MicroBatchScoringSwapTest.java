package io.sentiflow.scoring;

import static io.sentiflow.scoring.MicroBatchScoringOperatorTest.config;
import static io.sentiflow.scoring.MicroBatchScoringOperatorTest.noGenericTypes;
import static io.sentiflow.scoring.MicroBatchScoringOperatorTest.text;
import static io.sentiflow.scoring.MicroBatchScoringOperatorTest.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hot swap through the operator, with a double of the model store; batches of one text. */
class MicroBatchScoringSwapTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final FakeModelStore store = new FakeModelStore("A");
    private MicroBatchScoringOperator operator;
    private TwoInputStreamOperatorTestHarness<ValidText, ModelUpdate, ScoredText> harness;
    private int sent;

    @AfterEach
    void closeHarness() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void scoresWithTheNewVersionAfterASwapAndNeverGoesBack() throws Exception {
        open(null);
        scoreOne();

        harness.processElement2(update("B"), 0);
        scoreUntilVersion("B");
        scoreOne();

        List<String> versions = versions();
        assertThat(versions.get(0)).isEqualTo("A");
        assertThat(versions.subList(versions.indexOf("B"), versions.size())).containsOnly("B");
        assertThat(operator.metrics().swapsCompleted()).isEqualTo(1);
        assertThat(store.loadedVersion("A").get(0).closes.get()).isEqualTo(1);
    }

    @Test
    void refusesATamperedVersionAndKeepsScoringWithTheCurrentOne() throws Exception {
        store.tamper("B");
        open(null);

        harness.processElement2(update("B"), 0);
        await(() -> operator.metrics().swapsRefused() == 1);
        scoreOne();

        assertThat(versions()).containsExactly("A");
        assertThat(operator.metrics().swapsRefused("CHECKSUM_MISMATCH")).isEqualTo(1);
        assertThat(operator.metrics().swapsCompleted()).isZero();
    }

    @Test
    void ignoresAnUpdateForTheActiveVersion() throws Exception {
        open(null);

        harness.processElement2(update("A"), 0);
        scoreOne();

        assertThat(store.loaded).hasSize(1);
        assertThat(versions()).containsExactly("A");
        assertThat(operator.metrics().swapsCompleted()).isZero();
    }

    @Test
    void reloadsTheVersionRecordedInStateOnRestoreNotThePromotedOne() throws Exception {
        open(null);
        harness.processElement2(update("B"), 0);
        scoreUntilVersion("B");
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        store.loaded.clear();

        open(snapshot);
        scoreOne();

        assertThat(store.loaded).extracting(FakeModelStore.FakeModel::version).containsExactly("B");
        assertThat(versions()).containsExactly("B");
    }

    @Test
    void resumesALoadThatWasStillPendingAtTheCheckpoint() throws Exception {
        CountDownLatch held = store.holdLoadsOf("B");
        open(null);
        harness.processElement2(update("B"), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close(); // interrupts the held load
        held.countDown();
        store.loaded.clear();

        open(snapshot);
        scoreUntilVersion("B");

        assertThat(store.loaded).extracting(FakeModelStore.FakeModel::version).containsExactly("A", "B");
    }

    @Test
    void closesEveryReplacedModelExactlyOnceOverFiftySwaps() throws Exception {
        open(null);
        for (int i = 1; i <= 50; i++) {
            harness.processElement2(update("v" + i), i);
            scoreUntilVersion("v" + i);
        }
        harness.close();
        harness = null;

        assertThat(store.loaded).hasSize(51);
        assertThat(store.loaded).allSatisfy(model -> assertThat(model.closes.get()).as(model.version()).isEqualTo(1));
        assertThat(operator.metrics().swapsCompleted()).isEqualTo(50);
    }

    private void open(OperatorSubtaskState restored) throws Exception {
        operator = new MicroBatchScoringOperator(config(1), store.factory());
        harness = new TwoInputStreamOperatorTestHarness<>(operator);
        noGenericTypes(harness);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    private String scoreOne() throws Exception {
        sent++;
        harness.processElement1(text("r" + sent, "headline " + sent), sent);
        List<ScoredText> out = harness.extractOutputValues();
        return out.get(out.size() - 1).getModelVersion();
    }

    /** Scores one text at a time (a batch each) until {@code version} scores one, within the deadline. */
    private void scoreUntilVersion(String version) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!scoreOne().equals(version)) {
            assertThat(System.nanoTime()).as("version %s scoring within %s", version, DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }

    private List<String> versions() {
        return harness.extractOutputValues().stream().map(ScoredText::getModelVersion).toList();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within %s", DEADLINE).isLessThan(deadline);
            LockSupport.parkNanos(1_000_000);
        }
    }
}
