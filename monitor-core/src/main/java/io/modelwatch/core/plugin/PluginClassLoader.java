package io.modelwatch.core.plugin;

import static java.util.Objects.requireNonNull;

import io.modelwatch.api.MonitorPlugin;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class loader of one plugin folder: parallel-capable and child-first, so each plugin may use
 * its own version of any library.
 *
 * <p>Delegation model, in this order, for a class name:
 * <ol>
 *   <li>a class this loader already loaded is returned;</li>
 *   <li>names starting with one of {@link #SHARED_PACKAGE_PREFIXES} ({@code io.modelwatch.api.} and
 *       {@code org.slf4j.}) are loaded by the host loader (the loader of {@link MonitorPlugin}) and
 *       only there, so host and plugin agree on the API types, and a copy inside the plugin's jars
 *       is never used;</li>
 *   <li>names in a package of the JDK (a module of the boot or platform loader, such as
 *       {@code java.*}, {@code javax.xml.*}, {@code org.w3c.dom}) are loaded by the parent, which is
 *       {@link ClassLoader#getPlatformClassLoader()}, and only there;</li>
 *   <li>every other name is looked up in the plugin's own jars first and then in the parent.</li>
 * </ol>
 * Nothing else of the host (Guice, Jackson, core, the application class path) is visible to the
 * plugin. Resources follow the same rules: those under {@code io/modelwatch/api/} and
 * {@code org/slf4j/} come from the host; all others from the plugin's jars first, then the
 * parent ({@link #getResources} lists the plugin's own first).
 */
public final class PluginClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    /** The class name prefixes loaded from the host, never from a plugin. */
    public static final List<String> SHARED_PACKAGE_PREFIXES = List.of("io.modelwatch.api.", "org.slf4j.");

    private static final List<String> SHARED_RESOURCE_PREFIXES = SHARED_PACKAGE_PREFIXES.stream()
            .map(prefix -> prefix.replace('.', '/'))
            .toList();
    private static final Set<String> JDK_PACKAGES = jdkPackages();

    private final String pluginName;
    private final ClassLoader hostLoader;

    /**
     * Creates the loader of one plugin, sharing the API with the loader of {@link MonitorPlugin}.
     *
     * @param pluginName the plugin's name, for diagnostics; never null
     * @param jars the plugin's jars; never null
     */
    public PluginClassLoader(String pluginName, List<URL> jars) {
        this(pluginName, jars, MonitorPlugin.class.getClassLoader());
    }

    /**
     * Creates the loader of one plugin.
     *
     * @param pluginName the plugin's name, for diagnostics; never null
     * @param jars the plugin's jars; never null
     * @param hostLoader the loader that provides the shared packages; never null
     */
    public PluginClassLoader(String pluginName, List<URL> jars, ClassLoader hostLoader) {
        super("plugin-" + requireNonNull(pluginName, "pluginName is null"),
                requireNonNull(jars, "jars is null").toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.pluginName = pluginName;
        this.hostLoader = requireNonNull(hostLoader, "hostLoader is null");
    }

    /** Returns the plugin's name. */
    public String pluginName() {
        return pluginName;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (isShared(name)) {
                    loaded = hostLoader.loadClass(name);
                } else if (isJdk(name)) {
                    loaded = getParent().loadClass(name);
                } else {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInPlugin) {
                        loaded = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isSharedResource(name)) {
            return hostLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSharedResource(name)) {
            return hostLoader.getResources(name);
        }
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    public String toString() {
        return "PluginClassLoader[" + pluginName + "]";
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGE_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        for (String prefix : SHARED_RESOURCE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJdk(String className) {
        int lastDot = className.lastIndexOf('.');
        return lastDot > 0 && JDK_PACKAGES.contains(className.substring(0, lastDot));
    }

    // The packages of the JDK modules the platform loader can see (boot and platform modules); a
    // plugin that bundles such classes (xml-apis, for example) must not shadow the JDK's.
    private static Set<String> jdkPackages() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        Set<String> packages = new HashSet<>();
        for (Module module : ModuleLayer.boot().modules()) {
            ClassLoader loader = module.getClassLoader();
            if (loader == null || loader == platform) {
                ModuleDescriptor descriptor = module.getDescriptor();
                packages.addAll(descriptor.packages());
            }
        }
        return Set.copyOf(packages);
    }
}
