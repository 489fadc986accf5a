package io.github.gridlock.cli.report;

/** Counts in words that agree with them: "1 class", "2 classes". */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and the noun in the form that agrees with it. */
    public static String of(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** For nouns whose plural adds an s: {@code of(3, "finding")} is "3 findings". */
    public static String of(long n, String one) {
        return of(n, one, one + "s");
    }
}
