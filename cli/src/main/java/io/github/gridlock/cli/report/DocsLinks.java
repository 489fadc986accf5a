package io.github.gridlock.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the page of each bug code is: {@code GL_CODE.md} in a folder on disk (the pages shipped with the tool), or
 * under a base URL (where a team publishes them), or nowhere. Codes without a page (SpotBugs' own) get no link.
 */
public final class DocsLinks {
    private static final DocsLinks NONE = new DocsLinks(null, null);

    private final Path folder;
    private final String baseUrl;

    private DocsLinks(Path folder, String baseUrl) {
        this.folder = folder;
        this.baseUrl = baseUrl;
    }

    public static DocsLinks none() {
        return NONE;
    }

    /** The pages in {@code folder}: a code is linked when {@code folder/CODE.md} exists. */
    public static DocsLinks folder(Path folder) {
        return new DocsLinks(folder.toAbsolutePath().normalize(), null);
    }

    /** The pages under {@code baseUrl}: {@code baseUrl/CODE.md} for every Gridlock code. */
    public static DocsLinks url(String baseUrl) {
        return new DocsLinks(null, baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    /** The base URL the pages are published under, when they are. */
    public Optional<String> publishedAt() {
        return Optional.ofNullable(baseUrl);
    }

    /** For a person: the URL, or the page's path relative to {@code cwd} when it lies below it, else absolute. */
    public Optional<String> forReader(String code, Path cwd) {
        if (baseUrl != null) {
            return uri(code);
        }
        return page(code).map(p -> {
            Path base = cwd.toAbsolutePath().normalize();
            return (p.startsWith(base) ? base.relativize(p) : p).toString().replace('\\', '/');
        });
    }

    /** For tools (SARIF helpUri): an absolute URI of the page. */
    public Optional<String> uri(String code) {
        if (baseUrl != null) {
            return code.startsWith("GL_") ? Optional.of(baseUrl + code + ".md") : Optional.empty();
        }
        return page(code).map(p -> p.toUri().toString());
    }

    private Optional<Path> page(String code) {
        if (folder == null) {
            return Optional.empty();
        }
        Path page = folder.resolve(code + ".md");
        return Files.isRegularFile(page) ? Optional.of(page) : Optional.empty();
    }
}
