package io.sentiflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.store.VersionStatus;
import io.sentiflow.testing.UntrainedVersions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSwapsTest {

    @TempDir Path dir;

    private final List<String> said = new ArrayList<>();

    @Test
    void aRefusalOfThisRunIsReportedWithTheGatesReason() {
        ModelStore store = ModelStore.open(dir.toString());
        String trained = publish(store, 1, null, VersionStatus.PUBLISHED, "trained");
        DemoSwaps swaps = new DemoSwaps(said::add, store);
        assertThat(swaps.refusal()).isEmpty();

        String refused = publish(store, 2, trained, VersionStatus.REFUSED, "Gate refused: not better.");

        assertThat(swaps.refusal()).hasValue(refused + ": Gate refused: not better.");
    }

    @Test
    void aRefusalOnTopOfALearntVersionSaysHowToSeeASwapAgain() {
        ModelStore store = ModelStore.open(dir.toString());
        String trained = publish(store, 1, null, VersionStatus.PUBLISHED, "trained");
        String learnt = publish(store, 2, trained, VersionStatus.PUBLISHED, "Gate passed.");
        String oldRefusal = publish(store, 3, learnt, VersionStatus.REFUSED, "an earlier run's");
        DemoSwaps swaps = new DemoSwaps(said::add, store);

        String refused = publish(store, 4, learnt, VersionStatus.REFUSED, "Gate refused: not better.");

        Optional<String> refusal = swaps.refusal();
        assertThat(refusal).isPresent();
        assertThat(refusal.get()).startsWith(refused + ": Gate refused: not better.").doesNotContain(oldRefusal)
                .contains("Its parent " + learnt + " was itself learnt from feedback")
                .contains("./sentiflow models promote " + trained);
    }

    private static String publish(ModelStore store, long seed, String parent, VersionStatus status, String note) {
        Manifest m = UntrainedVersions.manifest(seed);
        return store.publish(new Manifest(m.formatVersion(), m.version(), parent, m.createdAt(), status, m.encoder(),
                m.architecture(), m.topicLabels(), m.sentimentLabels(), m.hyperParameters(), m.trainingData(),
                m.metrics(), m.files(), note), UntrainedVersions.files(seed));
    }
}
