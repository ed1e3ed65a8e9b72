package io.sentiflow.alerts;

/**
 * One negative text behind a window's share, as carried through the window state.
 *
 * @param id the TextEvent id
 * @param snippet the start of the text, at most {@link #MAX_SNIPPET} characters on one line
 * @param score P(bearish) the model gave the text
 */
public record EvidenceItem(String id, String snippet, float score) {

    public static final int MAX_SNIPPET = 200;

    /** The snippet of a text: whitespace folded to single spaces, cut to 200 characters. */
    public static String snippetOf(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.length() <= MAX_SNIPPET) {
            return oneLine;
        }
        int end = MAX_SNIPPET;
        // Never cut a surrogate pair in half: the Avro string must stay valid UTF-8.
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) {
            end--;
        }
        return oneLine.substring(0, end);
    }
}
