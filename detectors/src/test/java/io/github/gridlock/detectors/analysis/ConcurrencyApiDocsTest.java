package io.github.gridlock.detectors.analysis;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocking APIs live in one table in code ({@link ConcurrencyApi}) and one in the docs
 * (docs/patterns/GL_BLOCKING_WHILE_LOCKED.md): every blocking entry of the code must have its row.
 */
class ConcurrencyApiDocsTest {

    @Test
    void everyBlockingApiIsInTheDocsTable() throws IOException {
        List<String> rows = Files.readAllLines(Paths.get("..", "docs", "patterns", "GL_BLOCKING_WHILE_LOCKED.md")).stream()
                .filter(l -> l.startsWith("| `") || l.startsWith("| NIO")).collect(Collectors.toList());
        assertTrue(rows.size() > 10, "the docs page has its table of blocking APIs");
        List<String> missing = new ArrayList<>();
        for (ConcurrencyApi.Entry e : ConcurrencyApi.entries()) {
            boolean blocks = e.effect() == ConcurrencyApi.Effect.BLOCKS
                    || e.effect() == ConcurrencyApi.Effect.ACQUIRE && e.lockKind() == LockKind.SEMAPHORE;
            if (!blocks) {
                continue;
            }
            String simple = AccessPath.simpleName(e.owner());
            boolean documented = rows.stream().anyMatch(r -> r.contains(simple + "." + e.name())
                    || r.contains(simple) && r.contains("`" + e.name())
                    || e.owner().startsWith("java.nio.") && r.startsWith("| NIO") && r.contains("`" + e.name() + "`"));
            if (!documented) {
                missing.add(simple + "." + e.name());
            }
        }
        assertTrue(missing.isEmpty(), "blocking APIs in ConcurrencyApi but not in the docs table: " + missing);
    }
}
