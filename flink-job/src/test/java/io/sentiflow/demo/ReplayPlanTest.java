package io.sentiflow.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.alerts.AlertConfig;
import io.sentiflow.alerts.TextFingerprint;
import io.sentiflow.ingest.Cashtags;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.training.DataLocations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {

    private static List<DemoTexts.Text> texts;

    @BeforeAll
    static void readValidSets() {
        texts = DemoTexts.load(dataDir());
    }

    @Test
    void readsBothValidSetsShuffledTheSameWayEachTime() {
        assertThat(texts).hasSizeGreaterThan(6_000);
        assertThat(texts).extracting(DemoTexts.Text::id).doesNotHaveDuplicates()
                .anyMatch(id -> id.startsWith("sent_valid-")).anyMatch(id -> id.startsWith("topic_valid-"));
        assertThat(DemoTexts.load(dataDir())).isEqualTo(texts);
        // The files are sorted by label; the first hundred texts must come from all over them.
        assertThat(texts.subList(0, 100)).extracting(DemoTexts.Text::id)
                .anyMatch(id -> id.startsWith("sent_valid-")).anyMatch(id -> id.startsWith("topic_valid-"));
    }

    @Test
    void spacesTextsEvenlyFromTheOriginAndCutsThemToTheDuration() {
        ReplayPlan plan = ReplayPlan.of(settings(Duration.ofSeconds(25)), texts);

        // 25 s at 600x is 250 event minutes; 10 texts a minute.
        assertThat(plan.events()).hasSize(2_500 + ReplayPlan.SPIKE_TEXTS);
        assertThat(plan.events().get(0).getPublishedAt()).isEqualTo(DemoSettings.DEFAULT_ORIGIN);
        assertThat(plan.events()).extracting(TextEvent::getPublishedAt).isSorted();
        assertThat(plan.lastEventTime()).isBefore(DemoSettings.DEFAULT_ORIGIN.plus(Duration.ofMinutes(250)));
    }

    @Test
    void weavesTheSpikeInAThirdOfTheWayWithEnoughVolumeForTheDefaultDetector() {
        ReplayPlan plan = ReplayPlan.of(settings(Duration.ofSeconds(30)), texts);
        List<TextEvent> spike = plan.events().stream().filter(e -> e.getId().startsWith("spike-ACME-")).toList();

        assertThat(plan.spikeStart()).isEqualTo(DemoSettings.DEFAULT_ORIGIN.plus(Duration.ofMinutes(100)));
        assertThat(spike).hasSize(ReplayPlan.SPIKE_TEXTS)
                .allSatisfy(e -> assertThat(e.getPublishedAt()).isBetween(plan.spikeStart(), plan.spikeEnd()))
                .allSatisfy(e -> assertThat(Cashtags.mergeWithEntities(e.getEntities(), e.getText())).containsExactly("ACME"));
        assertThat(spike).extracting(e -> TextFingerprint.of(e.getText())).doesNotHaveDuplicates();
        int minVolume = AlertConfig.defaults().minVolume();
        Instant windowEnd = plan.spikeStart().plus(AlertConfig.defaults().windowSize());
        long inFirstFullWindow = spike.stream().filter(e -> e.getPublishedAt().isBefore(windowEnd)).count();
        assertThat(inFirstFullWindow).isGreaterThanOrEqualTo(minVolume * 2L);
        assertThat(plan.lastEventTime()).isAfter(plan.spikeEnd().plus(ReplayPlan.AFTER_SPIKE));
    }

    @Test
    void refusesAStreamTooShortForTheSpikeToFireAndResolve() {
        assertThatThrownBy(() -> ReplayPlan.of(settings(Duration.ofSeconds(3)), texts))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short for the spike").hasMessageContaining("--duration");
    }

    private static DemoSettings settings(Duration duration) {
        return new DemoSettings(dataDir(), 600, 10, duration, "ACME", DemoSettings.DEFAULT_ORIGIN);
    }

    private static Path dataDir() {
        return DataLocations.fromSystemProperties().root();
    }
}
