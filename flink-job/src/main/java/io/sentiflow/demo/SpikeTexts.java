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

    private static final String[] TEMPLATES = {
        "$%1$s shares plunge %2$d%% after a profit warning, the worst day for the stock in %3$d years",
        "$%1$s stock crashes %2$d%% as the CEO resigns amid an accounting fraud probe",
        "$%1$s tumbles %2$d%% to a %3$d-year low after slashing guidance; analysts see more downside",
        "$%1$s sinks %2$d%% as the SEC opens a fraud investigation; shares in freefall",
        "$%1$s shares collapse %2$d%%, wiping out %3$d billion dollars of market value after losses widen",
        "Sell-off deepens: $%1$s down %2$d%% after a massive earnings miss and a dividend cut, %3$d straight losing days",
    };

    private SpikeTexts() {}

    /** {@code count} distinct headlines about {@code $entity}. */
    public static List<String> about(String entity, int count) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String template = TEMPLATES[i % TEMPLATES.length];
            int round = i / TEMPLATES.length;
            int drop = 12 + 3 * round + i % 5;
            int years = 2 + round;
            texts.add(String.format(Locale.ROOT, template, entity, drop, years));
        }
        return List.copyOf(texts);
    }
}
