package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.model.EncoderKind;
import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.store.Manifest;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.TinyModels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerResourcesTest {

    @TempDir Path storeDir;

    @Test
    void refusesToLearnOnTopOfAVersionServedWithItsOwnEncoder() throws Exception {
        ModelStore store = ModelStore.open(storeDir.toString());
        String plain = TinyModels.untrainedInto(storeDir, 3L);
        Manifest manifest = store.manifest(plain);
        String fineTuned = plain + "-ft";
        EncoderKind kind = EncoderKind.fromName(manifest.encoder().kind()).orElseThrow();
        byte[] heads = Files.readAllBytes(Path.of(URI.create(store.versionUri(plain))).resolve(Manifest.WEIGHTS_FILE));
        store.publish(manifest.withVersionAndFiles(fineTuned, Map.of()),
                Map.of(Manifest.WEIGHTS_FILE, heads, kind.versionFileName(), new byte[] {1, 2, 3}));
        store.promote(fineTuned);
        Configuration conf = new Configuration();
        conf.set(ScoringOptions.MODEL_STORE, storeDir.toString());

        assertThatThrownBy(() -> LearnerResources.open(LearnerConfig.fromConfiguration(conf)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(fineTuned)
                .hasMessageContaining("its own encoder");
    }
}
