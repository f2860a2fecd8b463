package io.modelwatch.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelwatch.api.MetricFactory;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.core.plugin.fixtures.AlphaPlugin;
import io.modelwatch.core.plugin.fixtures.FixtureFactory;
import io.modelwatch.core.plugin.fixtures.SharedName;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class PluginClassLoaderTest {
    @TempDir
    Path tmp;

    private PluginClassLoader loader;

    @BeforeEach
    void createLoader() throws Exception {
        Path jar = JarBuilder.pluginJar("alpha", "1.0.0", "1.0")
                .classes(AlphaPlugin.class, FixtureFactory.class, SharedName.class, MonitorPlugin.class)
                .services(MonitorPlugin.class, AlphaPlugin.class)
                .entry("alpha/readme.txt", "alpha")
                .writeTo(tmp.resolve("alpha.jar"));
        loader = new PluginClassLoader("alpha", List.of(jar.toUri().toURL()));
    }

    @AfterEach
    void closeLoader() throws Exception {
        loader.close();
    }

    @Test
    void isParallelCapableWithThePlatformLoaderAsParent() {
        assertThat(loader.isRegisteredAsParallelCapable()).isTrue();
        assertThat(loader.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
        assertThat(loader.getName()).isEqualTo("plugin-alpha");
        assertThat(loader.pluginName()).isEqualTo("alpha");
    }

    @Test
    void loadsThePluginsOwnClassesFromItsJarEvenWhenTheHostHasThem() throws Exception {
        Class<?> shared = loader.loadClass(SharedName.class.getName());

        assertThat(shared).isNotSameAs(SharedName.class);
        assertThat(shared.getClassLoader()).isSameAs(loader);
        assertThat(loader.loadClass(SharedName.class.getName())).isSameAs(shared);
    }

    @Test
    void takesTheApiAndSlf4jFromTheHostEvenWhenTheJarHasACopy() throws Exception {
        assertThat(loader.loadClass(MonitorPlugin.class.getName())).isSameAs(MonitorPlugin.class);
        assertThat(loader.loadClass(MetricFactory.class.getName())).isSameAs(MetricFactory.class);
        assertThat(loader.loadClass(Logger.class.getName())).isSameAs(Logger.class);
        assertThat(loader.getResource("io/modelwatch/api/MonitorPlugin.class"))
                .isEqualTo(MonitorPlugin.class.getClassLoader().getResource("io/modelwatch/api/MonitorPlugin.class"));
    }

    @Test
    void doesNotLookForApiClassesAnywhereButTheHost() {
        assertThatThrownBy(() -> loader.loadClass("io.modelwatch.api.NoSuchType"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void seesNothingElseOfTheHost() {
        assertThatThrownBy(() -> loader.loadClass(PluginManager.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("com.google.inject.Injector"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(loader.getResource("io/modelwatch/core/plugin/PluginManager.class")).isNull();
    }

    @Test
    void loadsJdkClassesFromTheJdk() throws Exception {
        assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
        assertThat(loader.loadClass("java.sql.Connection")).isSameAs(java.sql.Connection.class);
        assertThat(loader.loadClass("javax.xml.parsers.DocumentBuilderFactory"))
                .isSameAs(javax.xml.parsers.DocumentBuilderFactory.class);
    }

    @Test
    void listsOnlyItsOwnServiceFiles() throws Exception {
        List<URL> services = Collections.list(loader.getResources("META-INF/services/" + MonitorPlugin.class.getName()));

        assertThat(services).hasSize(1);
        assertThat(services.get(0).toString()).startsWith("jar:" + tmp.resolve("alpha.jar").toUri().toURL() + "!/");
        assertThat(loader.getResource("alpha/readme.txt")).isNotNull();
    }
}
