package io.sentiflow.desk;

import io.sentiflow.model.TokenSpans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Sums token weights into word weights. A word is a run of non-space characters; a version's text
 * normalization turns such runs into such runs (a link into one placeholder word), so the n-th word
 * of the normalized text the tokenizer saw is the n-th word of the text as shown. Stateless.
 */
final class WordSplit {

    /** At most this many words are highlighted, and only those weighing more than an even share. */
    static final int TOP_WORDS = 3;
    private static final Pattern WORD = Pattern.compile("\\S+");

    private WordSplit() {}

    /**
     * @param shown the text as the desk shows it
     * @param spans its tokens, as the version's tokenizer made them from its normalized form
     * @param weights each token's pooling weight
     * @return the words read and their weights, or empty if the two texts' words do not line up
     */
    static Optional<List<WordWeights.Word>> of(String shown, TokenSpans spans, float[] weights) {
        List<int[]> shownWords = words(shown);
        List<int[]> readWords = words(spans.normalized());
        if (shownWords.size() != readWords.size() || weights.length != spans.size()) {
            return Optional.empty();
        }
        double[] perWord = new double[readWords.size()];
        boolean[] read = new boolean[readWords.size()];
        int word = 0;
        for (int t = 0; t < spans.size(); t++) {
            int start = spans.starts()[t];
            if (start < 0) {
                continue; // [CLS] and [SEP]: they carry weight, but no word
            }
            while (word < readWords.size() && readWords.get(word)[1] <= start) {
                word++;
            }
            if (word < readWords.size()) {
                perWord[word] += weights[t];
                read[word] = true;
            }
        }
        double total = Arrays.stream(perWord).sum();
        int[] indexes = IntStream.range(0, perWord.length).filter(i -> read[i]).toArray();
        if (indexes.length == 0 || total <= 0) {
            return Optional.of(List.of());
        }
        double even = 1.0 / indexes.length;
        List<Integer> top = IntStream.of(indexes).boxed()
                .filter(i -> perWord[i] / total > even)
                .sorted(Comparator.comparingDouble((Integer i) -> -perWord[i]))
                .limit(TOP_WORDS).toList();
        List<WordWeights.Word> out = new ArrayList<>();
        for (int i : indexes) {
            out.add(new WordWeights.Word(shownWords.get(i)[0], shownWords.get(i)[1], (float) (perWord[i] / total),
                    top.contains(i)));
        }
        return Optional.of(out);
    }

    private static List<int[]> words(String text) {
        List<int[]> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(new int[] {matcher.start(), matcher.end()});
        }
        return words;
    }
}
