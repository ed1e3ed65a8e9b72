package io.sentiflow.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.ingest.ValidText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyModels;
import io.sentiflow.testing.ValidTexts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MicroBatchScoring#apply} in a real job on a MiniCluster with a real model version: the
 * operator and its factory serialize into the job graph, every type has a real serializer (no
 * Kryo), and every text comes out scored once.
 */
class MicroBatchScoringJobTest {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(PARALLELISM)
                    .build());

    @TempDir
    Path storeRoot;

    @Test
    void scoresEveryTextOnceWithThePromotedVersion() throws Exception {
        String version = TinyModels.untrainedInto(storeRoot, 21L);
        TinyModels.promote(storeRoot, version);
        ModelStore store = ModelStore.open(storeRoot.toString());
        List<ValidText> texts = IntStream.range(0, 300)
                .mapToObj(i -> ValidTexts.of("id-" + i, "newswire", "headline number " + (i % 40), 1_000L + i,
                        List.of("AAPL")))
                .toList();
        ModelUpdate sameVersion = ModelUpdate.newBuilder()
                .setVersion(version)
                .setUri(store.versionUri(version))
                .setManifestSha256(store.manifestSha256(version))
                .setCreatedAt(Instant.EPOCH)
                .setMetrics(Map.of())
                .setReason("initial training")
                .build();
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);

        DataStream<ValidText> input = env.fromData(texts, TypeInformation.of(ValidText.class));
        DataStream<ModelUpdate> updates = env.fromData(List.of(sameVersion), new AvroTypeInfo<>(ModelUpdate.class));
        ScoringConfig config = new ScoringConfig(storeRoot.toString(), 16, Duration.ofMillis(20), 1);
        List<ScoredText> scored = new ArrayList<>();
        MicroBatchScoring.apply(input, updates, config).executeAndCollect().forEachRemaining(scored::add);

        assertThat(scored).extracting(ScoredText::getId)
                .containsExactlyInAnyOrderElementsOf(texts.stream().map(ValidText::id).toList());
        assertThat(scored).allSatisfy(s -> {
            assertThat(s.getModelVersion()).isEqualTo(version);
            assertThat(s.getEntities()).containsExactly("AAPL");
            assertThat(s.getTopicProbabilities()).hasSize(20);
        });
    }
}
