package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.gridlock.cli.SampleCode.Site;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Marker reading: the comment's own line, several codes per marker, malformed markers rejected. */
class SampleCodeMarkersTest {
    @Test
    void readsTrailingAndStandaloneMarkersWithTheirLines() {
        String source = String.join("\n",
                "package p;",
                "class A {",
                "  void f() {",
                "    t.run(); // expect: GL_RUN_INSTEAD_OF_START",
                "    // expect: GL_A, GL_B",
                "    g(); /* expect: GL_C */",
                "    // a comment that mentions expect: but is no marker",
                "  }",
                "}");
        Set<Site> markers = SampleCode.markers(Map.of("p/A.java", source));
        assertEquals(Set.of(new Site("GL_RUN_INSTEAD_OF_START", "p/A.java", 4), new Site("GL_A", "p/A.java", 5),
                new Site("GL_B", "p/A.java", 5), new Site("GL_C", "p/A.java", 6)), markers);
    }

    @Test
    void malformedMarkersFail() {
        assertThrows(AssertionError.class,
                () -> SampleCode.markers(Map.of("p/A.java", "class A { int x; // expect: run-instead\n}")));
    }
}
