package io.sentiflow.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.model.TokenSpans;
import org.junit.jupiter.api.Test;

class WordSplitTest {

    @Test
    void sumsTokensPerWordAndMapsTheNormalizedLinkBackToTheLinkAsShown() {
        String shown = "$ACME plunges https://t.co/abc now";
        // As the URL normalization gives it: the link is one placeholder word.
        String normalized = "$ACME plunges http now";
        TokenSpans spans = new TokenSpans(normalized, new long[] {101, 1, 2, 3, 4, 5, 6, 102},
                new int[] {-1, 0, 1, 6, 10, 14, 19, -1}, new int[] {-1, 1, 5, 10, 13, 18, 22, -1});
        float[] weights = {0.1f, 0.05f, 0.05f, 0.3f, 0.2f, 0.1f, 0.1f, 0.1f};

        var words = WordSplit.of(shown, spans, weights).orElseThrow();

        assertThat(words).extracting(w -> shown.substring(w.start(), w.end()))
                .containsExactly("$ACME", "plunges", "https://t.co/abc", "now");
        assertThat(words.get(1).weight()).isEqualTo(0.5f / 0.8f);
        assertThat(words).extracting(WordWeights.Word::top).containsExactly(false, true, false, false);
    }

    @Test
    void marksAtMostThreeWordsAndOnlyThoseAboveAnEvenShare() {
        String text = "a b c d e f";
        TokenSpans spans = new TokenSpans(text, new long[6], new int[] {0, 2, 4, 6, 8, 10}, new int[] {1, 3, 5, 7, 9, 11});

        var words = WordSplit.of(text, spans, new float[] {0.3f, 0.25f, 0.2f, 0.18f, 0.05f, 0.02f}).orElseThrow();

        assertThat(words).filteredOn(WordWeights.Word::top).extracting(w -> text.substring(w.start(), w.end()))
                .containsExactly("a", "b", "c");
        var even = WordSplit.of(text, spans, new float[] {1, 1, 1, 1, 1, 1}).orElseThrow();
        assertThat(even).noneMatch(WordWeights.Word::top);
    }

    @Test
    void leavesOutWordsPastTheTokensReadAndGivesUpWhenWordsDoNotLineUp() {
        String text = "short text that goes on";
        TokenSpans firstTwo = new TokenSpans(text, new long[] {1, 2}, new int[] {0, 6}, new int[] {5, 10});

        assertThat(WordSplit.of(text, firstTwo, new float[] {0.5f, 0.5f}).orElseThrow()).hasSize(2);
        assertThat(WordSplit.of("one two three four five six", firstTwo, new float[] {0.5f, 0.5f})).isEmpty();
    }
}
