package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.training.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The learner's state types and the plain rules that decide what the state holds. */
class LearnerStateTest {

    @Test
    void stateTypesArePojosThatRoundTripWithoutKryo() throws Exception {
        StoredExample example = example("a", Task.SENTIMENT, "Bullish", 3);
        LearnerProgress progress = new LearnerProgress(5, true, null, 0, 2, 7);

        assertThat(roundTrip(StoredExample.class, example).halfs()).containsExactly(example.halfs());
        assertThat(roundTrip(StoredExample.class, example).id()).isEqualTo("a");
        assertThat(roundTrip(LearnerProgress.class, progress)).isEqualTo(progress);
    }

    @Test
    void replayKeepsTheNewestExamplesOfEachTaskWithinItsBudget() {
        List<StoredExample> buffer = List.of(example("old-bull", Task.SENTIMENT, "Bullish", 1),
                example("new-bull", Task.SENTIMENT, "Bullish", 5), example("bear", Task.SENTIMENT, "Bearish", 2),
                example("topic-bull", Task.TOPIC, "Bullish", 0));

        assertThat(ReplayBuffer.overflow(buffer, Map.of(Task.SENTIMENT, 2, Task.TOPIC, 1))).containsExactly("old-bull");
        assertThat(ReplayBuffer.overflow(buffer, Map.of(Task.SENTIMENT, 3, Task.TOPIC, 0))).containsExactly("topic-bull");
        assertThat(ReplayBuffer.overflow(buffer, Map.of())).hasSize(4);
        assertThat(ReplayBuffer.inArrivalOrder(buffer)).extracting(StoredExample::id)
                .containsExactly("topic-bull", "old-bull", "bear", "new-bull");
    }

    @Test
    void aRestoredRoundStartsFromTheRecordedParentWhenThePromotedVersionIsItsOwnUncommittedChild() {
        Map<String, String> parents = Map.of("child", "p0", "other", "x");
        Function<String, Optional<String>> parentOf = v -> Optional.ofNullable(parents.get(v));

        assertThat(ParentChoice.choose(null, "p0", parentOf)).isEqualTo("p0");
        assertThat(ParentChoice.choose("p0", "p0", parentOf)).isEqualTo("p0");
        assertThat(ParentChoice.choose("p0", "child", parentOf)).as("crashed round's own version").isEqualTo("p0");
        assertThat(ParentChoice.choose("p0", "other", parentOf)).as("a person promoted another").isEqualTo("other");
    }

    @Test
    void labelsOfATopicShortOfExamplesKeepWaiting() {
        List<String> known = List.of("Earnings", "Markets");
        assertThat(WaitingTopics.isWaiting(example("a", Task.TOPIC, "Crypto", 0), known, List.of())).isTrue();
        assertThat(WaitingTopics.isWaiting(example("b", Task.TOPIC, "Crypto", 0), known, List.of("Crypto"))).isFalse();
        assertThat(WaitingTopics.isWaiting(example("c", Task.TOPIC, "earnings", 0), known, List.of())).isFalse();
        assertThat(WaitingTopics.isWaiting(example("d", Task.SENTIMENT, "Crypto", 0), known, List.of())).isFalse();
    }

    private static StoredExample example(String id, Task task, String label, long sequence) {
        return new StoredExample(id, task, label, 1, new short[384], sequence);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<T> serializer = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
