package io.sentiflow.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds cashtags ({@code $AAPL}, {@code $BRK.B}) in a text and merges them with the entities a
 * producer already named. Amounts such as {@code $100} or {@code $1.5B} are not cashtags: a ticker
 * starts with a letter. Stateless and thread-safe.
 */
public final class Cashtags {

    /**
     * A dollar sign not glued to a word, one to six letters, optionally a one- or two-letter share
     * class after a dot, and no further word character.
     */
    private static final Pattern CASHTAG =
            Pattern.compile("(?<![\\w$])\\$([A-Za-z]{1,6}(?:\\.[A-Za-z]{1,2})?)(?!\\w)");

    private Cashtags() {}

    /** The cashtags of {@code text} without the dollar sign, upper case, first appearance first. */
    public static List<String> extract(String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = CASHTAG.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).toUpperCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    /**
     * The producer's entities (trimmed, upper case, blanks dropped) followed by the cashtags of
     * {@code text}, without duplicates, in order of first appearance.
     *
     * @param producerEntities may be {@code null} when the producer named none
     */
    public static List<String> mergeWithEntities(List<? extends CharSequence> producerEntities, String text) {
        Set<String> merged = new LinkedHashSet<>();
        if (producerEntities != null) {
            for (CharSequence entity : producerEntities) {
                if (entity == null) {
                    continue;
                }
                String key = entity.toString().trim().toUpperCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    merged.add(key);
                }
            }
        }
        merged.addAll(extract(text));
        return List.copyOf(new ArrayList<>(merged));
    }
}
