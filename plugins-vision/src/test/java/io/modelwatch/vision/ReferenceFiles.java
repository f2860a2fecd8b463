package io.modelwatch.vision;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the read-only reference vectors in {@code shared/reference/calibration}. */
final class ReferenceFiles {
    private ReferenceFiles() {
    }

    static Path calibration(String file) {
        String dir = System.getProperty("modelwatch.reference.dir");
        Path base = dir != null ? Path.of(dir) : Path.of("../../shared/reference");
        Path p = base.resolve("calibration").resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalStateException("reference file " + p.toAbsolutePath() + " not found; set -Dmodelwatch.reference.dir");
        }
        return p;
    }
}
