package io.sentiflow.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a text is rewritten before it is tokenized, the same way in training, fine-tuning, the
 * learner and serving; a version records its own in its manifest ({@code encoder.textNormalization}),
 * so a version trained without one is served without one.
 *
 * <p>{@link #URLS} reduces every link to one placeholder token: in the tweet sets, t.co links are
 * about a third of all tokens and say nothing but "there is a link", which the placeholder keeps.
 * The placeholder is {@value #URL_PLACEHOLDER}, the first word piece the pretrained encoder saw of
 * every link, and a single token of its vocabulary.
 */
public enum TextNormalization {
    /** Texts as they are (versions made before normalization existed). */
    NONE,
    /** Links ({@code http://}, {@code https://}, {@code www.}) replaced by {@value #URL_PLACEHOLDER}. */
    URLS;

    public static final String URL_PLACEHOLDER = "http";

    private static final Pattern URL = Pattern.compile("(?i)(?<![\\w@])(?:https?://|www\\.)\\S+");

    /** The text as the tokenizer must see it. */
    public String apply(String text) {
        return this == URLS ? URL.matcher(text).replaceAll(URL_PLACEHOLDER) : text;
    }

    /** The name in manifests and on the command line ({@code none}, {@code urls}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (any case). */
    public static Optional<TextNormalization> fromId(String id) {
        for (TextNormalization normalization : values()) {
            if (normalization.name().equalsIgnoreCase(id)) {
                return Optional.of(normalization);
            }
        }
        return Optional.empty();
    }

    /**
     * A manifest's normalization: absent (a version from before it existed) means {@link #NONE}.
     *
     * @throws IllegalArgumentException for a name this build does not know
     */
    public static TextNormalization ofManifest(String id) {
        if (id == null) {
            return NONE;
        }
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("unknown text normalization '" + id + "'"));
    }
}
