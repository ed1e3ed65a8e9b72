package io.sentiflow.it.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands a README shows: every line of its {@code ```bash} blocks (comments dropped,
 * {@code \} continuations joined) and every inline code span that starts with {@code ./sentiflow}.
 * Each command appears once, in the order of first appearance.
 */
final class ReadmeCommands {

    private static final Pattern INLINE = Pattern.compile("`(\\./sentiflow [^`]+)`");

    private ReadmeCommands() {}

    static List<String> of(Path readme) throws IOException {
        Set<String> commands = new LinkedHashSet<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.trim().equals("```bash");
                continue;
            }
            if (!inBlock) {
                Matcher inline = INLINE.matcher(line);
                while (inline.find()) {
                    commands.add(inline.group(1).trim());
                }
                continue;
            }
            String code = withoutComment(line).strip();
            if (code.endsWith("\\")) {
                pending.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            pending.append(code);
            if (!pending.toString().isBlank()) {
                commands.add(pending.toString().replaceAll("\\s+", " ").trim());
            }
            pending.setLength(0);
        }
        return List.copyOf(commands);
    }

    /** Splits a command into words: whitespace separates, single or double quotes group. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : command.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The line without a trailing {@code # comment} (a # inside quotes is kept). */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
