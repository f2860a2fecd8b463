package io.modelwatch.core.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * Builds real jars for plugin-loading tests: a manifest, compiled classes copied from the test
 * class path, service files and any other entries. Not thread-safe; one builder per jar.
 */
final class JarBuilder {
    private final Manifest manifest = new Manifest();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private JarBuilder() {
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    /** Returns a builder for a jar with an empty manifest. */
    static JarBuilder jar() {
        return new JarBuilder();
    }

    /** Returns a builder for a plugin jar: the three ModelWatch manifest entries set. */
    static JarBuilder pluginJar(String name, String version, String apiVersion) {
        return jar().attribute("ModelWatch-Plugin-Name", name)
                .attribute("ModelWatch-Plugin-Version", version)
                .attribute("ModelWatch-Api-Version", apiVersion);
    }

    JarBuilder attribute(String name, String value) {
        manifest.getMainAttributes().putValue(name, value);
        return this;
    }

    /** Adds the compiled classes, read from the class path they were loaded from. */
    JarBuilder classes(Class<?>... types) {
        for (Class<?> type : types) {
            String resource = type.getName().replace('.', '/') + ".class";
            try (InputStream in = requireNonNull(type.getClassLoader().getResourceAsStream(resource), resource)) {
                entries.put(resource, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Adds a service file listing the providers (as class names, so they may be wrong on purpose). */
    JarBuilder services(Class<?> service, String... providers) {
        return entry("META-INF/services/" + service.getName(),
                Arrays.stream(providers).map(p -> p + "\n").collect(Collectors.joining()));
    }

    /** Adds a service file listing the providers. */
    JarBuilder services(Class<?> service, Class<?>... providers) {
        return services(service, Arrays.stream(providers).map(Class::getName).toArray(String[]::new));
    }

    JarBuilder entry(String name, String text) {
        entries.put(name, text.getBytes(UTF_8));
        return this;
    }

    /** Writes the jar, creating missing parent folders; returns its path. */
    Path writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
