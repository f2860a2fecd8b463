package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the life of every plugin: loads plugin folders, installs plugins, and fills the
 * {@link MetricRegistry}. Thread-safe (loading is serialized; the registry is read without locks).
 *
 * <p>{@link #loadFrom} takes one folder per plugin, in sorted order, and for each: reads the plugin
 * jar's manifest and checks its API version; refuses a folder that bundles {@code io.modelwatch.api}
 * classes; creates a {@link PluginClassLoader}; finds the one {@link MonitorPlugin} with
 * {@link ServiceLoader}; and installs it. {@link #install} is the last step alone, for plugins on the
 * host's own class path (built-ins, tests). Installing registers each factory under its type; a
 * plugin is installed whole or not at all. Every call into plugin code goes through its
 * {@link PluginGuard}.
 *
 * <p>Rules a plugin must meet: its name is lower snake case ({@code [a-z][a-z0-9_]*}), equal to
 * its manifest's {@code ModelWatch-Plugin-Name} and unique; its metric types are lower snake case
 * words joined by dots ({@code nlp.bleu}) and unique across all plugins.
 *
 * <p>{@link #close()} closes the class loaders of the loaded plugins; call it only when no code of
 * any plugin will run again.
 */
public final class PluginManager implements AutoCloseable {
    /** The version of a plugin installed in-process whose jar manifest does not give one. */
    public static final String DEV_VERSION = "dev";

    private static final Logger LOG = LoggerFactory.getLogger(PluginManager.class);
    private static final Pattern PLUGIN_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern METRIC_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final String ON_ERROR_ADVICE = "Fix the plugins, or set plugins.on-error to skip to start without the"
            + " plugins that fail (valid values: fail, skip).";

    private final ApiCompatibility api;
    private final MetricRegistry registry = new MetricRegistry();
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final Map<String, PluginInfo> loadedByName = new HashMap<>();
    private final List<PluginClassLoader> loaders = new ArrayList<>();

    /** Creates a manager with no plugins. */
    public PluginManager() {
        this(ApiCompatibility.host());
    }

    PluginManager(ApiCompatibility api) {
        this.api = requireNonNull(api, "api is null");
    }

    /**
     * Installs a plugin whose classes the host already has (a built-in, or a test's), without a
     * folder or class loader of its own. Its version is the {@code ModelWatch-Plugin-Version} of the
     * jar its class came from, or {@value #DEV_VERSION}; its calls run with its class's loader as
     * context class loader.
     *
     * @param plugin the plugin; never null
     * @return the plugin's info, status {@link PluginInfo.Status#LOADED}
     * @throws PluginLoadException when the plugin cannot be installed (the failure is also recorded
     *     in {@link #plugins()})
     */
    public synchronized PluginInfo install(MonitorPlugin plugin) {
        requireNonNull(plugin, "plugin is null");
        Class<?> type = plugin.getClass();
        Path jar = codeSourceJar(type);
        Attributes manifest = jar == null ? new Attributes() : readManifest(jar);
        String version = valueOr(manifest.getValue(PluginFolder.VERSION_ATTRIBUTE), DEV_VERSION);
        String declaredApi = manifest.getValue(PluginFolder.API_VERSION_ATTRIBUTE);
        Origin origin = new Origin(null, jar == null ? List.of() : List.of(jar.getFileName().toString()),
                version, valueOr(declaredApi, api.hostVersion()), null, type.getName());
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();

        Attempt attempt = declaredApi == null
                ? installChecked(plugin, loader, origin)
                : api.problem(declaredApi, origin.subject(null) + " (jar '" + jar + "')")
                        .map(problem -> origin.rejected(type.getName(), PluginInfo.Status.SKIPPED, List.of(problem)))
                        .orElseGet(() -> installChecked(plugin, loader, origin));
        plugins.add(attempt.info());
        if (!attempt.info().loaded()) {
            throw new PluginLoadException(attempt.problems());
        }
        return attempt.info();
    }

    /**
     * Loads every plugin folder in a plugins folder, in sorted order. Hidden entries are ignored,
     * and so are files that are not jars; a jar placed directly in {@code pluginsDir} is a problem
     * (each plugin needs its own folder).
     *
     * @param pluginsDir the folder holding one folder per plugin; never null
     * @param onError {@link OnError#FAIL}: go through every folder, then throw one exception with
     *     all problems if there were any; {@link OnError#SKIP}: log each problem at WARN and go on
     *     without that plugin
     * @return the info of every folder, in load order, including skipped and failed ones
     * @throws PluginLoadException with {@link OnError#FAIL}, when any folder could not be loaded or
     *     {@code pluginsDir} is not a readable folder; the plugins that did load stay installed
     */
    public synchronized List<PluginInfo> loadFrom(Path pluginsDir, OnError onError) {
        requireNonNull(pluginsDir, "pluginsDir is null");
        requireNonNull(onError, "onError is null");
        List<Path> entries;
        try {
            entries = listEntries(pluginsDir);
        } catch (PluginLoadException e) {
            if (onError == OnError.FAIL) {
                throw e;
            }
            e.problems().forEach(problem -> LOG.warn("Starting without plugins (plugins.on-error: skip): {}", problem));
            return List.of();
        }

        List<PluginInfo> infos = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path entry : entries) {
            Attempt attempt = Files.isDirectory(entry) ? loadFolder(entry) : misplacedJar(pluginsDir, entry);
            plugins.add(attempt.info());
            infos.add(attempt.info());
            if (attempt.info().loaded()) {
                PluginInfo info = attempt.info();
                LOG.info("Loaded plugin '{}' {} (API {}) from {}: metric types {}", info.name(), info.version(),
                        info.apiVersion(), info.folder(), info.metricTypes());
            } else {
                problems.addAll(attempt.problems());
                if (onError == OnError.SKIP) {
                    attempt.problems().forEach(problem ->
                            LOG.warn("Skipping plugin '{}' (plugins.on-error: skip): {}", attempt.info().name(), problem));
                }
            }
        }
        if (onError == OnError.FAIL && !problems.isEmpty()) {
            throw new PluginLoadException(problems, ON_ERROR_ADVICE);
        }
        return List.copyOf(infos);
    }

    /** Returns every plugin installed, loaded, skipped or failed, in the order they were met. */
    public synchronized List<PluginInfo> plugins() {
        return List.copyOf(plugins);
    }

    /** Returns the registry of the loaded plugins' metric factories; it grows as plugins load. */
    public MetricRegistry registry() {
        return registry;
    }

    /** Closes the class loaders of the plugins loaded from folders. */
    @Override
    public synchronized void close() {
        for (PluginClassLoader loader : loaders) {
            closeQuietly(loader);
        }
        loaders.clear();
    }

    private static List<Path> listEntries(Path pluginsDir) {
        if (!Files.exists(pluginsDir)) {
            throw new PluginLoadException(List.of("Plugins folder '" + pluginsDir + "' does not exist. Expected a folder"
                    + " holding one folder per plugin. Create it, or set plugins.dir in the configuration to the"
                    + " folder that holds the plugins."));
        }
        if (!Files.isDirectory(pluginsDir)) {
            throw new PluginLoadException(List.of("Plugins folder '" + pluginsDir + "' is not a folder. Expected a"
                    + " folder holding one folder per plugin. Set plugins.dir in the configuration to such a folder."));
        }
        try (Stream<Path> entries = Files.list(pluginsDir)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .filter(entry -> Files.isDirectory(entry) || PluginFolder.isJar(entry))
                    .sorted(Comparator.comparing(entry -> entry.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException(List.of("Cannot list plugins folder '" + pluginsDir + "': "
                    + PluginCallException.describe(e) + ". Expected a folder ModelWatch may read. Check its permissions."));
        }
    }

    private Attempt misplacedJar(Path pluginsDir, Path jar) {
        String file = jar.getFileName().toString();
        String folderName = file.substring(0, file.length() - ".jar".length());
        String problem = "Jar '" + file + "' is directly in the plugins folder '" + pluginsDir + "'. Expected one folder"
                + " per plugin. Move it, with the jars it depends on, into its own folder such as '"
                + pluginsDir.resolve(folderName) + "'.";
        return new Origin(jar, List.of(file), null, null, null, null)
                .rejected(folderName, PluginInfo.Status.SKIPPED, List.of(problem));
    }

    private Attempt loadFolder(Path folder) {
        PluginFolder scan = PluginFolder.scan(folder, api);
        Origin origin = new Origin(folder, scan.jarNames(), scan.version(), scan.apiVersion(),
                scan.pluginJar() == null ? null : scan.name(), scan.where());
        if (!scan.problems().isEmpty()) {
            return origin.rejected(scan.name(), PluginInfo.Status.SKIPPED, scan.problems());
        }
        PluginClassLoader loader = new PluginClassLoader(scan.name(), scan.jarUrls());
        Attempt attempt = discover(scan, origin, loader);
        if (attempt.info().loaded()) {
            loaders.add(loader);
        } else {
            closeQuietly(loader);
        }
        return attempt;
    }

    private Attempt discover(PluginFolder scan, Origin origin, PluginClassLoader loader) {
        PluginGuard guard = new PluginGuard(scan.name(), loader);
        String subject = origin.subject(scan.name());
        List<ServiceLoader.Provider<MonitorPlugin>> providers;
        try {
            providers = guard.call("discovery of MonitorPlugin providers",
                    () -> ServiceLoader.load(MonitorPlugin.class, loader).stream().toList());
        } catch (PluginCallException e) {
            return origin.rejected(scan.name(), PluginInfo.Status.FAILED,
                    List.of(ProviderFailure.explain(subject, scan.folder().toString(), null, e.getCause())));
        }
        if (providers.isEmpty()) {
            return origin.rejected(scan.name(), PluginInfo.Status.SKIPPED, List.of(subject + " has no MonitorPlugin"
                    + " provider: no jar lists one in " + ProviderFailure.SERVICE_FILE + ". Expected that file in the"
                    + " plugin jar " + scan.pluginJar() + ", holding the fully qualified name of the plugin's class"
                    + " that implements " + MonitorPlugin.class.getName() + ". Add it, and rebuild the plugin."));
        }
        if (providers.size() > 1) {
            List<String> described = providers.stream()
                    .map(provider -> provider.type().getName() + " (in " + jarOf(provider.type()) + ")")
                    .toList();
            return origin.rejected(scan.name(), PluginInfo.Status.SKIPPED, List.of(subject + " has "
                    + providers.size() + " MonitorPlugin providers: " + String.join(", ", described)
                    + ". Expected exactly one per folder. List one class in " + ProviderFailure.SERVICE_FILE
                    + ", or move each plugin, with its jars, into its own folder."));
        }
        ServiceLoader.Provider<MonitorPlugin> provider = providers.get(0);
        String providerName = provider.type().getName();
        MonitorPlugin plugin;
        try {
            plugin = guard.call("constructor of " + providerName, provider::get);
        } catch (PluginCallException e) {
            return origin.rejected(scan.name(), PluginInfo.Status.FAILED,
                    List.of(ProviderFailure.explain(subject, scan.folder().toString(), providerName, e.getCause())));
        }
        return installChecked(plugin, loader, origin);
    }

    // Installs a plugin instance: checks its name and factory types, then registers all or nothing.
    private Attempt installChecked(MonitorPlugin plugin, ClassLoader loader, Origin origin) {
        String label = origin.expectedName() != null ? origin.expectedName() : plugin.getClass().getName();
        String name;
        try {
            name = new PluginGuard(label, loader).call("name()", plugin::name);
        } catch (PluginCallException e) {
            return origin.rejected(label, PluginInfo.Status.FAILED, List.of(origin.subject(origin.expectedName())
                    + " failed when asked for its name(): " + PluginCallException.describe(e.getCause()) + ". "
                    + origin.reportAdvice()));
        }
        if (name == null || !PLUGIN_NAME.matcher(name).matches()) {
            return origin.rejected(label, PluginInfo.Status.SKIPPED, List.of(origin.subject(origin.expectedName())
                    + " gives " + (name == null ? "null" : "'" + name + "'") + " as its name(), which is not a valid"
                    + " plugin name. Expected lower case letters, digits and underscores, starting with a letter,"
                    + " such as 'nlp'. " + origin.reportAdvice()));
        }
        if (origin.expectedName() != null && !origin.expectedName().equals(name)) {
            return origin.rejected(label, PluginInfo.Status.SKIPPED, List.of(origin.subject(origin.expectedName())
                    + " is named '" + origin.expectedName() + "' by " + PluginFolder.NAME_ATTRIBUTE + " in its manifest"
                    + " but '" + name + "' by its name(). Expected the same name in both. Rebuild the plugin with "
                    + PluginFolder.NAME_ATTRIBUTE + ": " + name + ", or fix its name()."));
        }
        String subject = origin.subject(name);
        PluginInfo existing = loadedByName.get(name);
        if (existing != null) {
            return origin.rejected(name, PluginInfo.Status.SKIPPED, List.of(subject + " has the same name as plugin '"
                    + name + "' " + existing.version() + " already loaded (" + location(existing) + "). Expected each"
                    + " plugin once. Remove one of the two (perhaps an older version was left behind)."));
        }

        PluginGuard guard = new PluginGuard(name, loader);
        List<MetricFactory> factories;
        try {
            factories = guard.call("metricFactories()", () -> {
                Collection<MetricFactory> returned = plugin.metricFactories();
                return returned == null ? null : new ArrayList<>(returned);
            });
        } catch (PluginCallException e) {
            return origin.rejected(name, PluginInfo.Status.FAILED, List.of(subject + " failed in metricFactories(): "
                    + PluginCallException.describe(e.getCause()) + ". " + origin.reportAdvice()));
        }
        if (factories == null || factories.contains(null)) {
            return origin.rejected(name, PluginInfo.Status.SKIPPED, List.of(subject + ": metricFactories() "
                    + (factories == null ? "returned null" : "contains null") + ". Expected a collection of factories,"
                    + " empty when the plugin has none. " + origin.reportAdvice()));
        }

        Map<String, MetricFactory> byType = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        PluginInfo.Status status = PluginInfo.Status.SKIPPED;
        for (MetricFactory factory : factories) {
            String factoryClass = factory.getClass().getName();
            String type;
            try {
                type = guard.call("type() of " + factoryClass, factory::type);
            } catch (PluginCallException e) {
                problems.add(subject + ": its factory " + factoryClass + " failed in type(): "
                        + PluginCallException.describe(e.getCause()) + ". " + origin.reportAdvice());
                status = PluginInfo.Status.FAILED;
                continue;
            }
            if (type == null || !METRIC_TYPE.matcher(type).matches()) {
                problems.add(subject + ": its factory " + factoryClass + " gives "
                        + (type == null ? "null" : "'" + type + "'") + " as its type(), which is not a valid metric"
                        + " type. Expected lower case words joined by dots, such as '" + name + ".some_metric'. "
                        + origin.reportAdvice());
                continue;
            }
            MetricFactory sameInPlugin = byType.putIfAbsent(type, factory);
            if (sameInPlugin != null) {
                problems.add(subject + " contributes the metric type '" + type + "' twice (factories "
                        + sameInPlugin.getClass().getName() + " and " + factoryClass + "). Expected each type once. "
                        + origin.reportAdvice());
                continue;
            }
            RegisteredFactory taken = registry.get(type);
            if (taken != null) {
                problems.add("Metric type '" + type + "' is provided by two plugins: '" + taken.plugin().name() + "' ("
                        + location(taken.plugin()) + ") and '" + name + "' (" + origin.location() + "). Expected each"
                        + " metric type from one plugin only; '" + name + "' was not loaded. Remove one of the two"
                        + " plugins, or rename the type in one of them.");
            }
        }
        if (!problems.isEmpty()) {
            return origin.rejected(name, status, problems);
        }

        List<String> types = byType.keySet().stream().sorted().toList();
        PluginInfo info = new PluginInfo(name, origin.version(), origin.apiVersion(), origin.folder(), origin.jars(),
                types, PluginInfo.Status.LOADED, null);
        Map<String, RegisteredFactory> registered = new LinkedHashMap<>();
        byType.forEach((type, factory) -> registered.put(type, new RegisteredFactory(factory, info, guard)));
        registry.registerAll(registered);
        loadedByName.put(name, info);
        return new Attempt(info, List.of());
    }

    private static String location(PluginInfo plugin) {
        return plugin.folder() == null ? "installed in-process" : "plugin folder '" + plugin.folder() + "'";
    }

    private static String jarOf(Class<?> type) {
        Path jar = codeSourceJar(type);
        return jar == null ? "an unknown location" : jar.getFileName().toString();
    }

    private static Path codeSourceJar(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return PluginFolder.isJar(location) ? location : null;
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static Attributes readManifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            return manifest == null ? new Attributes() : manifest.getMainAttributes();
        } catch (IOException e) {
            return new Attributes();
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("Could not close the class loader of plugin '{}'", loader.pluginName(), e);
        }
    }

    /**
     * Where a plugin comes from: a folder, or the host's class path.
     *
     * @param folder the plugin folder; null when installed in-process
     * @param jars the jar file names
     * @param version the version to report; may be null when unknown
     * @param apiVersion the API version to report; may be null when unknown
     * @param expectedName the name the manifest gives; null when there is none
     * @param description for a folder, {@code plugin folder '...' (jars: ...)}; in-process, the class name
     */
    private record Origin(Path folder, List<String> jars, String version, String apiVersion, String expectedName,
                          String description) {

        String subject(String name) {
            if (folder != null) {
                return "Plugin '" + name + "' in " + description;
            }
            return name == null
                    ? "Plugin class " + description + " (installed in-process)"
                    : "Plugin '" + name + "' (class " + description + ", installed in-process)";
        }

        String location() {
            return folder == null ? "installed in-process" : "plugin folder '" + folder + "'";
        }

        String reportAdvice() {
            return folder == null
                    ? "Report this to the plugin's authors."
                    : "Report this to the plugin's authors; until it is fixed, remove its folder.";
        }

        Attempt rejected(String name, PluginInfo.Status status, List<String> problems) {
            return new Attempt(new PluginInfo(name, version, apiVersion, folder, jars, List.of(), status,
                    String.join("\n", problems)), List.copyOf(problems));
        }
    }

    private record Attempt(PluginInfo info, List<String> problems) {
    }
}
