package io.modelwatch.core.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.modelwatch.api.ApiVersion;
import io.modelwatch.api.MonitorPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes real plugin jars (manifest, classes from the test class path, service file) into a plugins folder. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * Writes {@code plugins/<name>/<name>.jar} with the ModelWatch manifest entries for the host's API.
     *
     * @param provider the provider class listed in the service file, or null for a jar without one
     * @param classes the classes to copy into the jar, nested classes included
     */
    static Path write(Path plugins, String name, Class<? extends MonitorPlugin> provider, Class<?>... classes) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("ModelWatch-Plugin-Name", name);
        main.putValue("ModelWatch-Plugin-Version", "0.9.0");
        main.putValue("ModelWatch-Api-Version", ApiVersion.current());
        Path jar = plugins.resolve(name).resolve(name + ".jar");
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> c : classes) {
            all.add(c);
            all.addAll(List.of(c.getDeclaredClasses()));
        }
        try {
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                for (Class<?> c : all) {
                    String resource = c.getName().replace('.', '/') + ".class";
                    try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
                        out.putNextEntry(new JarEntry(resource));
                        out.write(in.readAllBytes());
                        out.closeEntry();
                    }
                }
                if (provider != null) {
                    out.putNextEntry(new JarEntry("META-INF/services/" + MonitorPlugin.class.getName()));
                    out.write((provider.getName() + "\n").getBytes(UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
