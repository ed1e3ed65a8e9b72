package io.sentiflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.KeyKind;
import org.junit.jupiter.api.Test;

class WindowTallyTest {

    private static KeyedText text(String id, String body, float bearish, String version) {
        return new KeyedText(KeyKind.ENTITY, "ACME", id, EvidenceItem.snippetOf(body), bearish, bearish > 0.5f,
                TextFingerprint.of(body), version, 0L);
    }

    @Test
    void countsCopiesOfATextOnce() {
        WindowTally tally = WindowTally.empty()
                .add(text("1", "ACME cuts guidance https://t.co/a", 0.9f, "v1"), 5)
                .add(text("2", "RT @wire: ACME cuts guidance https://t.co/b", 0.9f, "v1"), 5)
                .add(text("3", "ACME opens a plant", 0.1f, "v1"), 5);

        assertThat(tally.count()).isEqualTo(2);
        assertThat(tally.negatives()).isEqualTo(1);
        assertThat(tally.evidence()).extracting(EvidenceItem::id).containsExactly("1");
    }

    @Test
    void keepsTheMostNegativeTextsFirstUpToTheEvidenceSize() {
        WindowTally tally = WindowTally.empty();
        float[] scores = {0.6f, 0.95f, 0.7f, 0.99f, 0.8f, 0.65f, 0.2f};
        for (int i = 0; i < scores.length; i++) {
            tally = tally.add(text("t" + i, "text number " + i, scores[i], "v1"), 3);
        }

        assertThat(tally.evidence()).extracting(EvidenceItem::score).containsExactly(0.99f, 0.95f, 0.8f);
        assertThat(tally.count()).isEqualTo(7);
        assertThat(tally.negatives()).isEqualTo(6);
    }

    @Test
    void listsEachModelVersionOnceSorted() {
        WindowTally tally = WindowTally.empty()
                .add(text("1", "a", 0.1f, "v2"), 5)
                .add(text("2", "b", 0.1f, "v1"), 5)
                .add(text("3", "c", 0.1f, "v2"), 5);

        assertThat(tally.modelVersions()).containsExactly("v1", "v2");
    }

    @Test
    void mergeUnitesDistinctTextsAndEvidence() {
        WindowTally left = WindowTally.empty().add(text("1", "a", 0.9f, "v1"), 5).add(text("2", "b", 0.1f, "v1"), 5);
        WindowTally right = WindowTally.empty().add(text("3", "c", 0.8f, "v2"), 5).add(text("2", "b", 0.1f, "v1"), 5);

        WindowTally merged = left.merge(right, 5);

        assertThat(merged.count()).isEqualTo(3);
        assertThat(merged.negatives()).isEqualTo(2);
        assertThat(merged.evidence()).extracting(EvidenceItem::id).containsExactly("1", "3");
        assertThat(merged.modelVersions()).containsExactly("v1", "v2");
    }

    @Test
    void snippetsAreOneLineAndAtMost200Characters() {
        String longText = "word ".repeat(100) + "\n\nend";

        assertThat(EvidenceItem.snippetOf(longText)).hasSize(200).doesNotContain("\n");
        assertThat(EvidenceItem.snippetOf(" two\nlines ")).isEqualTo("two lines");
    }
}
