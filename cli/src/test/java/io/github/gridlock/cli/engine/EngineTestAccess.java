package io.github.gridlock.cli.engine;

/** Package-private engine facts for tests in other packages. */
public final class EngineTestAccess {
    private EngineTestAccess() {
    }

    public static int highestSupportedMajor() {
        return InputInspector.highestSupportedMajor();
    }
}
