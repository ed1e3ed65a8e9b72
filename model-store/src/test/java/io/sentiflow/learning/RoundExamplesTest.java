package io.sentiflow.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sentiflow.store.Manifest;
import io.sentiflow.testing.UntrainedVersions;
import io.sentiflow.training.EncodedText;
import io.sentiflow.training.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundExamplesTest {

    static final Manifest PARENT = UntrainedVersions.manifest(1);
    static final EncodedText TEXT = new EncodedText(1, new short[io.sentiflow.model.EncoderKind.HIDDEN_SIZE]);

    static LabeledExample example(String id, Task task, String label) {
        return new LabeledExample(id, task, label, TEXT);
    }

    @Test
    void holdsOutAboutTheFractionByIdAloneSoAnExampleStaysOnItsSideInEveryRound() {
        List<LabeledExample> first = IntStream.range(0, 5000).mapToObj(i -> example("fb-" + i, Task.SENTIMENT,
                "Bullish")).toList();
        List<LabeledExample> more = new ArrayList<>(first);
        IntStream.range(5000, 10000).forEach(i -> more.add(example("fb-" + i, Task.SENTIMENT, "Neutral")));

        RoundExamples small = RoundExamples.of(PARENT, first, List.of(), LearningSettings.defaults());
        RoundExamples large = RoundExamples.of(PARENT, more, List.of(), LearningSettings.defaults());

        assertThat(small.holdout().size() / 5000.0).isCloseTo(0.2, within(0.02));
        assertThat(large.holdout().size() / 10000.0).isCloseTo(0.2, within(0.02));
        assertThat(large.holdout()).containsAll(small.holdout());
        assertThat(large.trainFeedback()).containsAll(small.trainFeedback());
    }

    @Test
    void excludesUnknownSentimentsAndAddsATopicOnlyOnceItHasEnoughExamples() {
        List<LabeledExample> feedback = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> feedback.add(example("c" + i, Task.TOPIC, "Crypto")));
        IntStream.range(0, 19).forEach(i -> feedback.add(example("a" + i, Task.TOPIC, "AI")));
        feedback.add(example("s1", Task.SENTIMENT, "Euphoric"));
        feedback.add(example("s2", Task.SENTIMENT, "bullish"));
        feedback.add(example("t1", Task.TOPIC, "macro"));

        RoundExamples round = RoundExamples.of(PARENT, feedback, List.of(), LearningSettings.defaults());

        assertThat(round.newTopics()).containsExactly("Crypto");
        assertThat(round.topicLabels()).hasSize(UntrainedVersions.TOPICS.size() + 1).endsWith("Crypto");
        assertThat(round.waiting()).containsEntry("AI", 19).hasSize(1);
        assertThat(round.excluded()).containsEntry("unknown sentiment label 'Euphoric'", 1).hasSize(1);
        List<LabeledExample> used = new ArrayList<>(round.trainFeedback());
        used.addAll(round.holdout());
        assertThat(used).extracting(LabeledExample::id).hasSize(22).contains("s2", "t1").doesNotContain("s1", "a0");
        assertThat(round.labelId(example("x", Task.SENTIMENT, "bullish"))).isEqualTo(1);
        assertThat(round.labelId(example("x", Task.TOPIC, "Crypto"))).isEqualTo(UntrainedVersions.TOPICS.size());
    }

    @Test
    void aLaterCorrectionOfTheSameIdReplacesTheEarlierLabel() {
        List<LabeledExample> feedback = List.of(example("fb-1", Task.SENTIMENT, "Bullish"),
                example("fb-1", Task.SENTIMENT, "Bearish"));

        RoundExamples round = RoundExamples.of(PARENT, feedback, List.of(), LearningSettings.defaults());

        List<LabeledExample> used = new ArrayList<>(round.trainFeedback());
        used.addAll(round.holdout());
        assertThat(used).extracting(LabeledExample::label).containsExactly("Bearish");
    }

    @Test
    void theCandidateIdDependsOnWhatIsLearntNotOnTheOrderItArrivedIn() {
        List<LabeledExample> feedback = IntStream.range(0, 50).mapToObj(i -> example("fb-" + i, Task.SENTIMENT,
                i % 2 == 0 ? "Bullish" : "Bearish")).toList();
        List<LabeledExample> reversed = new ArrayList<>(feedback);
        java.util.Collections.reverse(reversed);
        List<LabeledExample> relabelled = new ArrayList<>(feedback);
        relabelled.set(3, example("fb-3", Task.SENTIMENT, "Neutral"));
        LearningSettings settings = LearningSettings.defaults();

        String id = id("v1", feedback, settings);

        assertThat(id).matches("fb-[0-9a-f]{16}");
        assertThat(id("v1", reversed, settings)).isEqualTo(id);
        assertThat(id("v1", relabelled, settings)).isNotEqualTo(id);
        assertThat(id("v2", feedback, settings)).isNotEqualTo(id);
        assertThat(id("v1", feedback, settings.withFineTune(settings.fineTune().withSeed(7)))).isNotEqualTo(id);
    }

    private static String id(String parent, List<LabeledExample> feedback, LearningSettings settings) {
        return CandidateId.of(parent, RoundExamples.of(PARENT, feedback, List.of(), settings), List.of(), settings);
    }
}
