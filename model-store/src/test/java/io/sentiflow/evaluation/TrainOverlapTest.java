package io.sentiflow.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.training.DataLocations;
import io.sentiflow.training.LabeledCsv;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainOverlapTest {

    @Test
    void aTextRepostedWithAnotherLinkInOtherCaseOrSpacingIsInTheTrainSplit() {
        TrainOverlap train = TrainOverlap.of(List.of("Stocks rally as Fed pauses  https://t.co/AbC123",
                "Oil falls www.example.com/oil today"));

        assertThat(train.contains("Stocks  rally as Fed pauses https://t.co/zzz999")).isFalse(); // inner spacing
        assertThat(train.contains("STOCKS rally as Fed pauses  http://t.co/other")).isTrue();
        assertThat(train.contains("  Stocks rally as Fed pauses  ")).isTrue();
        assertThat(train.contains("oil falls  today")).isTrue();
        assertThat(train.contains("Stocks rally as Fed pauses again")).isFalse();
        assertThat(train.contains("Oil falls @www.example.com/oil today")).isFalse(); // a handle, not a link
    }

    @Test
    void unseenKeepsThePositionsOfTextsNotInTheTrainSplitInOrder() {
        TrainOverlap train = TrainOverlap.of(List.of("a https://t.co/1", "c"));

        assertThat(train.unseen(List.of("A https://t.co/2", "b", "c", "d https://t.co/3"))).containsExactly(1, 3);
    }

    /** The data README's near-duplicates: 577 topic and 31 sentiment valid texts, counted once each. */
    @Test
    void findsTheDataReadmesNearDuplicatesInTheSharedValidSplits() throws Exception {
        DataLocations data = DataLocations.fromSystemProperties();
        List<String> topicValid = LabeledCsv.readTexts(data.topicValid());
        List<String> sentimentValid = LabeledCsv.readTexts(data.sentimentValid());

        int[] topicKept = TrainOverlap.of(LabeledCsv.readTexts(data.topicTrain())).unseen(topicValid);
        int[] sentimentKept = TrainOverlap.of(LabeledCsv.readTexts(data.sentimentTrain())).unseen(sentimentValid);

        assertThat(distinctRemoved(topicValid, topicKept)).isEqualTo(577);
        assertThat(distinctRemoved(sentimentValid, sentimentKept)).isEqualTo(31);
        // Valid texts repeat each other too, so more rows than distinct texts leave.
        assertThat(topicValid.size() - topicKept.length).isEqualTo(676);
        assertThat(sentimentValid.size() - sentimentKept.length).isEqualTo(38);
    }

    private static long distinctRemoved(List<String> texts, int[] kept) {
        java.util.Set<Integer> keptSet = new java.util.HashSet<>();
        for (int i : kept) {
            keptSet.add(i);
        }
        return java.util.stream.IntStream.range(0, texts.size()).filter(i -> !keptSet.contains(i))
                .mapToObj(i -> TrainOverlap.key(texts.get(i))).distinct().count();
    }
}
