package io.sentiflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentiflow.testing.UntrainedVersions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionTest {

    @TempDir
    Path root;

    @Test
    void promoteMovesThePointerAndRollbackReturnsToThePreviousOne() {
        ModelStore store = ModelStore.open(root.toString());
        String first = store.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));
        String second = store.publish(UntrainedVersions.manifest(2), UntrainedVersions.files(2));
        String third = store.publish(UntrainedVersions.manifest(3), UntrainedVersions.files(3));
        assertThat(store.promotedVersion()).isEmpty();

        store.promote(first);
        store.promote(second);
        store.promote(third);
        assertThat(store.promotedVersion()).contains(third);
        assertThat(store.list()).filteredOn(VersionSummary::promoted).extracting(VersionSummary::version)
                .containsExactly(third);

        assertThat(store.rollback()).contains(second);
        assertThat(store.promotedVersion()).contains(second);
        assertThat(store.rollback()).contains(first);
        assertThat(store.rollback()).isEmpty();
        assertThat(store.promotedVersion()).contains(first);
    }

    @Test
    void rollbackWithNothingPromotedChangesNothing() {
        ModelStore store = ModelStore.open(root.toString());

        assertThat(store.rollback()).isEmpty();
        assertThat(store.promotedVersion()).isEmpty();
    }

    @Test
    void refusesToPromoteAVersionThatFailsVerification() {
        ModelStore store = ModelStore.open(root.toString());
        String good = store.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));
        store.promote(good);

        assertThatThrownBy(() -> store.promote("v-missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNKNOWN_VERSION");
        assertThat(store.promotedVersion()).contains(good);
    }

    @Test
    void aStoreOpenedByFileUriSeesTheSameVersions() {
        ModelStore byPath = ModelStore.open(root.toString());
        String version = byPath.publish(UntrainedVersions.manifest(1), UntrainedVersions.files(1));

        ModelStore byUri = ModelStore.open(root.toUri().toString());

        assertThat(byUri.list()).extracting(VersionSummary::version).containsExactly(version);
        assertThat(byUri.versionUri(version)).isEqualTo(byPath.versionUri(version));
    }
}
