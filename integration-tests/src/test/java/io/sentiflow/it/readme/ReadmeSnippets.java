package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fenced code blocks of a README other than its shell lines ({@link ReadmeCommands} has those): the
 * Python programs and the example records, found by their language and a string they contain, so a
 * test runs or checks exactly what a reader copies. Blocks may be indented (inside a list item).
 */
final class ReadmeSnippets {

    private final List<Block> blocks;

    private record Block(String language, String code) {}

    private ReadmeSnippets(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    static ReadmeSnippets of(Path readme) throws IOException {
        List<Block> blocks = new ArrayList<>();
        String language = null;
        int indent = 0;
        StringBuilder code = new StringBuilder();
        for (String line : Files.readAllLines(readme)) {
            String trimmed = line.strip();
            if (language == null && trimmed.startsWith("```") && trimmed.length() > 3) {
                language = trimmed.substring(3);
                indent = line.indexOf("```");
                code.setLength(0);
            } else if (language != null && trimmed.equals("```")) {
                blocks.add(new Block(language, code.toString()));
                language = null;
            } else if (language != null) {
                code.append(line, Math.min(indent, line.length() - line.stripLeading().length()), line.length())
                        .append('\n');
            }
        }
        return new ReadmeSnippets(blocks);
    }

    /** The one block of {@code language} that contains {@code marker}; fails unless there is exactly one. */
    String block(String language, String marker) {
        List<String> found = blocks.stream().filter(b -> b.language().equals(language) && b.code().contains(marker))
                .map(Block::code).toList();
        assertThat(found).as("```%s blocks of the README containing %s", language, marker).hasSize(1);
        return found.get(0);
    }
}
