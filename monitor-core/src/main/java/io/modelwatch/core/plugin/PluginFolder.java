package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One plugin folder as found on disk, before any of its code runs: its jars, the manifest of its
 * plugin jar, and the packaging problems found (steps 1 and 2 of loading). Immutable.
 */
final class PluginFolder {
    static final String NAME_ATTRIBUTE = "ModelWatch-Plugin-Name";
    static final String VERSION_ATTRIBUTE = "ModelWatch-Plugin-Version";
    static final String API_VERSION_ATTRIBUTE = "ModelWatch-Api-Version";
    static final String UNKNOWN_VERSION = "unknown";

    private static final String API_PATH = "io/modelwatch/api/";
    private static final Pattern VERSIONED_API_CLASS = Pattern.compile("META-INF/versions/\\d+/" + API_PATH + ".*\\.class");

    private final Path folder;
    private final List<Path> jars;
    private final String pluginJar;
    private final String name;
    private final String version;
    private final String apiVersion;
    private final List<String> problems;

    private PluginFolder(Path folder, List<Path> jars, String pluginJar, String name, String version,
                         String apiVersion, List<String> problems) {
        this.folder = folder;
        this.jars = List.copyOf(jars);
        this.pluginJar = pluginJar;
        this.name = name;
        this.version = version;
        this.apiVersion = apiVersion;
        this.problems = List.copyOf(problems);
    }

    /** Reads a folder's jars and checks how the plugin is packaged. */
    static PluginFolder scan(Path folder, ApiCompatibility api) {
        requireNonNull(folder, "folder is null");
        List<String> problems = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> entries = Files.list(folder)) {
            jars = entries.filter(PluginFolder::isJar)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add("Cannot list plugin folder '" + folder + "': " + PluginCallException.describe(e)
                    + ". Expected a folder ModelWatch may read. Check its permissions.");
            return new PluginFolder(folder, List.of(), null, folderName(folder), null, null, problems);
        }
        if (jars.isEmpty()) {
            problems.add("Plugin folder '" + folder + "' holds no jars. Expected the plugin jar and the jars it"
                    + " depends on. Copy them into the folder, or remove the folder.");
            return new PluginFolder(folder, jars, null, folderName(folder), null, null, problems);
        }

        List<String> pluginJars = new ArrayList<>();
        List<Attributes> pluginManifests = new ArrayList<>();
        List<String> bundlingProblems = new ArrayList<>();
        for (Path jar : jars) {
            String jarName = jar.getFileName().toString();
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Manifest manifest = file.getManifest();
                Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
                String declaredName = attributes.getValue(NAME_ATTRIBUTE);
                boolean isPluginJar = declaredName != null && !declaredName.isBlank();
                if (isPluginJar) {
                    pluginJars.add(jarName);
                    pluginManifests.add(attributes);
                }
                String apiClass = firstApiClass(file);
                if (apiClass != null) {
                    bundlingProblems.add(bundledApiProblem(folder, jarName, apiClass, isPluginJar));
                }
            } catch (IOException | SecurityException e) {
                problems.add("Cannot read jar '" + jarName + "' in plugin folder '" + folder + "': "
                        + PluginCallException.describe(e) + ". Expected a jar file; it may be damaged or not a jar."
                        + " Copy it again or rebuild it.");
            }
        }

        String pluginJar = null;
        String name = folderName(folder);
        String version = null;
        String apiVersion = null;
        if (pluginJars.size() == 1) {
            Attributes attributes = pluginManifests.get(0);
            pluginJar = pluginJars.get(0);
            name = attributes.getValue(NAME_ATTRIBUTE).trim();
            String declaredVersion = attributes.getValue(VERSION_ATTRIBUTE);
            version = declaredVersion == null || declaredVersion.isBlank() ? UNKNOWN_VERSION : declaredVersion.trim();
            apiVersion = attributes.getValue(API_VERSION_ATTRIBUTE);
            api.problem(apiVersion, "Plugin '" + name + "' (jar '" + pluginJar + "' in plugin folder '" + folder + "')")
                    .ifPresent(problems::add);
        } else if (pluginJars.isEmpty() && problems.isEmpty()) {
            problems.add("Plugin folder '" + folder + "' has no plugin jar: none of its jars (" + names(jars)
                    + ") has " + NAME_ATTRIBUTE + " in its manifest. Expected one plugin jar whose manifest has "
                    + NAME_ATTRIBUTE + ", " + VERSION_ATTRIBUTE + " and " + API_VERSION_ATTRIBUTE + ". Copy the"
                    + " plugin jar into the folder, or rebuild the plugin with these manifest entries.");
        } else if (pluginJars.size() > 1) {
            List<String> described = new ArrayList<>();
            for (int i = 0; i < pluginJars.size(); i++) {
                described.add(pluginJars.get(i) + " (plugin '" + pluginManifests.get(i).getValue(NAME_ATTRIBUTE).trim() + "')");
            }
            problems.add("Plugin folder '" + folder + "' holds " + pluginJars.size() + " plugin jars: "
                    + String.join(", ", described) + ". Expected one plugin per folder. Move each plugin, with the"
                    + " jars it depends on, into its own folder.");
        }
        problems.addAll(bundlingProblems);
        return new PluginFolder(folder, jars, pluginJar, name, version, apiVersion, problems);
    }

    Path folder() {
        return folder;
    }

    /** The file names of the folder's jars, sorted. */
    List<String> jarNames() {
        return jars.stream().map(jar -> jar.getFileName().toString()).toList();
    }

    List<URL> jarUrls() {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("a file path has no URL: " + jar, e);
            }
        }
        return urls;
    }

    /** The plugin jar's file name; null when there is not exactly one. */
    String pluginJar() {
        return pluginJar;
    }

    /** The plugin's name from its manifest, or the folder's name when it could not be read. */
    String name() {
        return name;
    }

    /** The plugin's version from its manifest; null when it could not be read. */
    String version() {
        return version;
    }

    /** The declared API version; null when it could not be read. */
    String apiVersion() {
        return apiVersion;
    }

    /** The packaging problems; empty when the folder may be loaded. */
    List<String> problems() {
        return problems;
    }

    /** Describes the folder for messages: {@code plugin folder '/p/nlp' (jars: a.jar, b.jar)}. */
    String where() {
        return "plugin folder '" + folder + "' (jars: " + String.join(", ", jarNames()) + ")";
    }

    static boolean isJar(Path path) {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static String folderName(Path folder) {
        Path fileName = folder.getFileName();
        return fileName == null ? folder.toString() : fileName.toString();
    }

    private static String names(List<Path> jars) {
        return jars.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.joining(", "));
    }

    private static String firstApiClass(JarFile file) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if ((entry.startsWith(API_PATH) && entry.endsWith(".class")) || VERSIONED_API_CLASS.matcher(entry).matches()) {
                return entry;
            }
        }
        return null;
    }

    private static String bundledApiProblem(Path folder, String jarName, String apiClass, boolean isPluginJar) {
        String found = (isPluginJar ? "Plugin jar '" : "Jar '") + jarName + "' in plugin folder '" + folder
                + "' contains ModelWatch API classes (" + apiClass + "), which the host provides; a plugin must"
                + " not bundle them. ";
        return found + (isPluginJar
                ? "Rebuild the plugin with monitor-api as a dependency of scope provided, and keep io.modelwatch.api"
                        + " out of any shading."
                : "Remove it; plugins must depend on monitor-api with scope provided.");
    }
}
