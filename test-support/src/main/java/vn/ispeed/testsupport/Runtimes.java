package vn.ispeed.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where dev/runtimes wrote the classpaths and distributions of the real components. */
public final class Runtimes {
    private Runtimes() {
    }

    public static Path dir() {
        String configured = System.getProperty("ispeed.runtimes.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return projectRoot().resolve("dev/runtimes/target");
    }

    /** The project root: the nearest ancestor of the working directory holding dev/runtimes. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("dev/runtimes"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root (a folder with dev/runtimes) above " + dir);
    }
}
