package io.sentiflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.testing.UntrainedVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash can leave in a store, and versions that are kept but must never serve. */
class StoreLeftoversTest {

    @TempDir
    Path root;

    @Test
    void stagingDirectoriesAndVersionDirectoriesWithoutAReadableManifestAreNotVersions() throws IOException {
        ModelStore store = ModelStore.open(root.toString());
        String version = store.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));
        store.promote(version);
        Path versions = root.resolve("versions");
        Files.createDirectories(versions.resolve(".staging-fb-0123456789abcdef-crashed"));
        Files.createDirectories(versions.resolve("fb-no-manifest"));
        Files.createDirectories(versions.resolve("fb-torn-manifest"));
        Files.writeString(versions.resolve("fb-torn-manifest").resolve(Manifest.FILE_NAME), "{\"formatVersion\": 1, \"ver");

        assertThat(store.list()).extracting(VersionSummary::version).containsExactly(version);
        assertThat(store.promotedVersion()).contains(version);
        assertThat(store.contains(version)).isTrue();
        assertThat(store.contains("fb-no-manifest")).isFalse();
        assertThatThrownBy(() -> store.verify("fb-no-manifest", null, null)).hasMessageContaining("MISSING_FILE");
        assertThatThrownBy(() -> store.verify("fb-torn-manifest", null, null)).hasMessageContaining("MANIFEST_MISMATCH");
    }

    @Test
    void aRefusedVersionIsListedButNeverPromotedOrLoaded() {
        ModelStore store = ModelStore.open(root.toString());
        String good = store.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));
        store.promote(good);
        Manifest draft = UntrainedVersions.manifest(2);
        String refused = store.publish(new Manifest(draft.formatVersion(), draft.version(), good, draft.createdAt(),
                VersionStatus.REFUSED, draft.encoder(), draft.architecture(), draft.topicLabels(),
                draft.sentimentLabels(), draft.hyperParameters(), draft.trainingData(), draft.metrics(), draft.files(),
                "refused by the gate"), UntrainedVersions.files(2));

        assertThat(store.list()).filteredOn(v -> v.version().equals(refused)).extracting(VersionSummary::status)
                .containsExactly(VersionStatus.REFUSED);
        assertThatThrownBy(() -> store.promote(refused)).hasMessageContaining("NOT_PUBLISHED");
        assertThatThrownBy(() -> store.load(refused, null, null)).hasMessageContaining("NOT_PUBLISHED");
        assertThat(store.promotedVersion()).contains(good);
    }

    @Test
    void promotingReplacesThePointerFileWithoutLeavingTemporaryFiles() throws IOException {
        ModelStore store = ModelStore.open(root.toString());
        for (long seed = 1; seed <= 3; seed++) {
            store.promote(store.publish(UntrainedVersions.manifest(seed), UntrainedVersions.files(seed)));
        }
        store.rollback();

        try (Stream<Path> files = Files.list(root)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("versions",
                    ModelStore.PROMOTED);
        }
    }
}
