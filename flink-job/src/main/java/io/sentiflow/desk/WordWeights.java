package io.sentiflow.desk;

import java.util.List;

/**
 * How much each word of a text weighed in its score: the attention pooling's weights of the version that
 * scored it, summed per word (a run of non-space characters) and shared out over the words, so the
 * words' weights sum to 1 ([CLS] and [SEP] left out). Offsets index the text as the desk shows it; words
 * past the model's 64 tokens were not read and are absent. Immutable.
 *
 * @param version the version whose weights these are
 * @param words every word read, in order
 */
public record WordWeights(String version, List<Word> words) {

    /**
     * @param start first character, in the text as shown
     * @param end one past the last
     * @param weight its share of the attention on words
     * @param top whether it is among the words that weighed most (highlighted)
     */
    public record Word(int start, int end, float weight, boolean top) {}

    public WordWeights {
        words = List.copyOf(words);
    }
}
