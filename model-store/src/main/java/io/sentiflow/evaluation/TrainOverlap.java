package io.sentiflow.evaluation;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The texts of a train split as the data README dedupes them: links removed, lowercased, trimmed.
 * The tweet sets repost headlines with a new t.co link, so 676 topic-valid and 38 sentiment-valid
 * texts equal a train text after this (577 and 31 distinct ones, the README's counts); a figure on
 * the valid split without them says how the model does on texts it has not in effect seen.
 * Immutable and thread safe.
 */
public final class TrainOverlap {

    /** The links {@code TextNormalization.URLS} rewrites, here removed. */
    private static final Pattern LINK = Pattern.compile("(?i)(?<![\\w@])(?:https?://|www\\.)\\S+");

    private final Set<String> keys;

    private TrainOverlap(Set<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** The overlap with {@code trainTexts}. */
    public static TrainOverlap of(Collection<String> trainTexts) {
        Set<String> keys = new HashSet<>();
        trainTexts.forEach(text -> keys.add(key(text)));
        return new TrainOverlap(keys);
    }

    /** The normalised form two texts are compared in. */
    static String key(String text) {
        return LINK.matcher(text).replaceAll("").toLowerCase(Locale.ROOT).strip();
    }

    /** Whether {@code text} equals a train text once both are normalised. */
    public boolean contains(String text) {
        return keys.contains(key(text));
    }

    /** Positions of the {@code texts} that are not in the train split, in order. */
    public int[] unseen(List<String> texts) {
        return java.util.stream.IntStream.range(0, texts.size()).filter(i -> !contains(texts.get(i))).toArray();
    }
}
