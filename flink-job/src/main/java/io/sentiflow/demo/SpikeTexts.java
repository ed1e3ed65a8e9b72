package io.sentiflow.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The injected episode: distinct, unmistakably bearish headlines about one ticker, all about its
 * share price falling (one topic). Distinct wording matters: the detector counts copies of a text
 * once per window, so the figures in each headline differ. Stateless.
 */
public final class SpikeTexts {

    /*
     * Short, classic bearish wording: even the small test model (TinyModels) scores most of these
     * Bearish, while longer or unusual phrasing ("accounting probe", "freefall") it reads as Neutral.
     */
    private static final String[] TEMPLATES = {
        "$%1$s falls %2$d%% after earnings miss",
        "$%1$s shares plunge %2$d%% after a profit warning",
        "$%1$s misses estimates, cuts guidance, shares drop %2$d%%",
        "$%1$s downgraded to sell, price target cut to $%4$d",
        "$%1$s shares collapse %2$d%%, wiping out $%3$d billion of market value",
        "$%1$s stock sinks %2$d%% to a %3$d-year low on weak outlook",
    };

    private SpikeTexts() {}

    /** {@code count} distinct headlines about {@code $entity}. */
    public static List<String> about(String entity, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String template = TEMPLATES[i % TEMPLATES.length];
            int round = i / TEMPLATES.length;
            int drop = 12 + 3 * round + i % 5;
            int other = 2 + round;
            texts.add(String.format(Locale.ROOT, template, entity, drop, other, 10 + 5 * other));
        }
        return List.copyOf(texts);
    }
}
