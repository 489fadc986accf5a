package io.github.gridlock.cli.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The codebases the engine reads: each input as it is when it has nothing to leave out, otherwise a temporary
 * folder with copies of its accepted class files only (at their paths inside the input, so that the engine sees
 * what it would have seen). Closing deletes the copies.
 */
final class ScreenedInputs implements AutoCloseable {
    private final List<Path> codebases = new ArrayList<>();
    /** Each copy, and the input it copies: messages name the input, never a temporary folder. */
    private final Map<Path, Path> copies = new LinkedHashMap<>();
    private Path temp;

    private ScreenedInputs() {
    }

    /**
     * @param inputs the screened inputs
     * @param leftOut classes (slashed names) to leave out too, besides what the screen left out
     */
    static ScreenedInputs of(List<InputInspector.Input> inputs, Set<String> leftOut) throws IOException {
        ScreenedInputs result = new ScreenedInputs();
        try {
            for (InputInspector.Input input : inputs) {
                boolean leavesOut = input.accepted.values().stream().anyMatch(c -> leftOut.contains(c.className()));
                if (input.usableAsIs() && !leavesOut) {
                    result.codebases.add(input.path);
                } else {
                    result.copy(input, leftOut);
                }
            }
        } catch (IOException | RuntimeException e) {
            result.delete();
            throw e;
        }
        return result;
    }

    List<Path> codebases() {
        return codebases;
    }

    /** The text with every temporary copy's path replaced by the path of the input it copies. */
    String withInputPaths(String text) {
        String result = text;
        for (Map.Entry<Path, Path> e : copies.entrySet()) {
            result = result.replace(e.getKey().toString(), e.getValue().toString());
        }
        return result;
    }

    private void copy(InputInspector.Input input, Set<String> leftOut) throws IOException {
        if (temp == null) {
            temp = Files.createTempDirectory("gridlock-screened-");
        }
        Path copy = temp.resolve(String.valueOf(copies.size()));
        Files.createDirectories(copy);
        copies.put(copy, input.path);
        Set<String> used = new HashSet<>();
        int written = 0;
        try (ZipFile zip = input.kind == InputInspector.Input.Kind.ARCHIVE ? new ZipFile(input.path.toFile()) : null) {
            for (InputInspector.ClassFile classFile : input.accepted.values()) {
                if (leftOut.contains(classFile.className())) {
                    continue;
                }
                byte[] bytes = read(input, zip, classFile);
                Files.write(safePath(copy, classFile.relative(), used), bytes);
                written++;
            }
        }
        if (written > 0) {
            codebases.add(copy);
        }
    }

    private static byte[] read(InputInspector.Input input, ZipFile zip, InputInspector.ClassFile classFile)
            throws IOException {
        switch (input.kind) {
        case ARCHIVE:
            ZipEntry entry = zip.getEntry(classFile.relative());
            try (InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        case FOLDER:
            return Files.readAllBytes(input.path.resolve(classFile.relative()));
        default:
            return Files.readAllBytes(input.path);
        }
    }

    /**
     * Where a class file goes in a copy: its path inside the input, unless that path could leave the copy or
     * collide with another on a file system that ignores case; then a made-up name (the engine reads each class
     * file's name from its contents).
     */
    private static Path safePath(Path copy, String relative, Set<String> used) throws IOException {
        boolean safe = !relative.startsWith("/") && !relative.contains("\\") && !relative.contains("\0")
                && Stream.of(relative.split("/")).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
        String chosen = safe && used.add(relative.toLowerCase(Locale.ROOT)) ? relative
                : "gridlock-renamed/" + used.size() + ".class";
        used.add(chosen.toLowerCase(Locale.ROOT));
        Path target = copy.resolve(chosen);
        Files.createDirectories(target.getParent());
        return target;
    }

    /**
     * Deletes the copies.
     *
     * @return null, or what could not be deleted and why
     */
    String delete() {
        if (temp == null) {
            return null;
        }
        Path root = temp;
        temp = null;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
            return null;
        } catch (IOException | UncheckedIOException e) {
            return "cannot delete the temporary copies of screened inputs in " + root + ": "
                    + GridlockEngine.messageChain(e);
        }
    }

    /** Deletes the copies when the scan could not use them; {@link #delete()} says what went wrong. */
    @Override
    public void close() {
        delete();
    }
}
