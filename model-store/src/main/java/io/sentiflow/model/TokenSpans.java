package io.sentiflow.model;

/**
 * One text's tokens with the characters each covers, from {@link TextTokenizer#spans}. Offsets index
 * {@code normalized} (the text as the tokenizer saw it) in UTF-16 units, end exclusive; special tokens
 * ([CLS], [SEP]) cover none and have -1. Arrays are not copied: the tokenizer hands over fresh ones.
 *
 * @param normalized the text after the version's {@link TextNormalization}
 * @param ids the token ids, as {@link TextTokenizer#tokenize} gives them
 * @param starts first character of each token, or -1
 * @param ends one past the last character of each token, or -1
 */
public record TokenSpans(String normalized, long[] ids, int[] starts, int[] ends) {

    public TokenSpans {
        if (ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, starts and ends differ in length: " + ids.length + ", "
                    + starts.length + ", " + ends.length);
        }
    }

    public int size() {
        return ids.length;
    }
}
