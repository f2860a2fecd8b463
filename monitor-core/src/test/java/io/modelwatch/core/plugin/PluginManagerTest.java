package io.modelwatch.core.plugin;

import static io.modelwatch.core.plugin.PluginInfo.Status.FAILED;
import static io.modelwatch.core.plugin.PluginInfo.Status.LOADED;
import static io.modelwatch.core.plugin.PluginInfo.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.modelwatch.api.MonitorPlugin;
import io.modelwatch.core.plugin.fixtures.AlphaPlugin;
import io.modelwatch.core.plugin.fixtures.BasedPlugin;
import io.modelwatch.core.plugin.fixtures.BetaLibrary;
import io.modelwatch.core.plugin.fixtures.BetaPlugin;
import io.modelwatch.core.plugin.fixtures.DuplicateTypePlugin;
import io.modelwatch.core.plugin.fixtures.FailingFactoriesPlugin;
import io.modelwatch.core.plugin.fixtures.FixtureFactory;
import io.modelwatch.core.plugin.fixtures.GammaPlugin;
import io.modelwatch.core.plugin.fixtures.MissingDependencyPlugin;
import io.modelwatch.core.plugin.fixtures.NoDefaultConstructorPlugin;
import io.modelwatch.core.plugin.fixtures.SharedName;
import io.modelwatch.core.plugin.fixtures.StaticInitFailingPlugin;
import io.modelwatch.core.plugin.fixtures.ThrowingConstructorPlugin;
import io.modelwatch.core.plugin.fixtures.dep.PluginBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PluginManagerTest {
    private static final String SERVICE_FILE = "META-INF/services/io.modelwatch.api.MonitorPlugin";
    private static final String FIXTURES = "io.modelwatch.core.plugin.fixtures.";
    private static final String ADVICE = "Fix the plugins, or set plugins.on-error to skip to start without the"
            + " plugins that fail (valid values: fail, skip).";

    @TempDir
    Path tmp;

    private Path plugins;
    // Host API fixed at 1.0, so the messages below stay true when the API's minor version rises.
    private final PluginManager manager = new PluginManager(new ApiCompatibility("1.0"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void setUp() {
        plugins = tmp.resolve("plugins");
        log.start();
        ((Logger) LoggerFactory.getLogger(PluginManager.class)).addAppender(log);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(PluginManager.class)).detachAppender(log);
        manager.close();
    }

    @Test
    void loadsThreePluginsInSortedOrderWithTypesAndVersionsFromTheirManifests() throws Exception {
        Path gamma = gammaFolder("gamma");
        Path alpha = alphaFolder("alpha");
        Path beta = betaFolder("beta");
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        Files.createDirectories(plugins.resolve(".cache"));
        PluginManager hostManager = new PluginManager();

        List<PluginInfo> loaded = hostManager.loadFrom(plugins, OnError.FAIL);

        PluginInfo alphaInfo = new PluginInfo("alpha", "1.2.0", "1.0", alpha, List.of("alpha.jar"),
                List.of("alpha.count", "alpha.mean"), LOADED, null);
        PluginInfo betaInfo = new PluginInfo("beta", "0.3.1", "1.0", beta, List.of("beta-lib.jar", "beta.jar"),
                List.of("beta.score"), LOADED, null);
        PluginInfo gammaInfo = new PluginInfo("gamma", "2.0.0", "1.0", gamma, List.of("gamma.jar"),
                List.of("gamma.latency"), LOADED, null);
        assertThat(loaded).containsExactly(alphaInfo, betaInfo, gammaInfo);
        assertThat(hostManager.plugins()).containsExactly(alphaInfo, betaInfo, gammaInfo);

        MetricRegistry registry = hostManager.registry();
        assertThat(registry.types()).containsExactly("alpha.count", "alpha.mean", "beta.score", "gamma.latency");
        assertThat(registry.all()).extracting(registered -> registered.plugin().name())
                .containsExactly("alpha", "alpha", "beta", "gamma");
        assertThat(registry.find("nlp.bleu")).isEmpty();

        RegisteredFactory score = registry.find("beta.score").orElseThrow();
        assertThat(score.plugin()).isEqualTo(betaInfo);
        assertThat(score.guard().pluginName()).isEqualTo("beta");
        assertThat(score.guard().classLoader()).isInstanceOf(PluginClassLoader.class);
        assertThat(score.factory().getClass().getClassLoader()).isSameAs(score.guard().classLoader());
        // The description comes from BetaLibrary in beta-lib.jar: the dependency jar is on the plugin's path.
        assertThat(score.guard().call("description()", score.factory()::description)).isEqualTo("scored by beta-lib");
        assertThat(score.guard().call("type()", score.factory()::type)).isEqualTo("beta.score");
        assertThat(log.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.INFO);
        hostManager.close();
    }

    @Test
    void eachPluginHasItsOwnClassesButSharesTheApiWithTheHost() throws Exception {
        alphaFolder("alpha");
        betaFolder("beta");
        manager.loadFrom(plugins, OnError.FAIL);

        ClassLoader alpha = manager.registry().find("alpha.count").orElseThrow().guard().classLoader();
        ClassLoader beta = manager.registry().find("beta.score").orElseThrow().guard().classLoader();
        Class<?> alphaShared = alpha.loadClass(SharedName.class.getName());
        Class<?> betaShared = beta.loadClass(SharedName.class.getName());
        Class<?> alphaFactory = alpha.loadClass(FixtureFactory.class.getName());

        assertThat(alpha).isNotSameAs(beta);
        assertThat(alphaShared).isNotSameAs(betaShared).isNotSameAs(SharedName.class);
        assertThat(alphaShared.getClassLoader()).isSameAs(alpha);
        assertThat(betaShared.getClassLoader()).isSameAs(beta);
        assertThat(alphaFactory).isNotSameAs(FixtureFactory.class);
        assertThat(alpha.loadClass(MonitorPlugin.class.getName())).isSameAs(MonitorPlugin.class);
        assertThat(beta.loadClass(MonitorPlugin.class.getName())).isSameAs(MonitorPlugin.class);
        assertThat(alpha.loadClass(org.slf4j.Logger.class.getName())).isSameAs(org.slf4j.Logger.class);
        assertThatThrownBy(() -> alpha.loadClass(BetaLibrary.class.getName())).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void refusesAFolderWithoutAProvider() {
        Path folder = JarBuilder.pluginJar("quiet", "1.0.0", "1.0").classes(FixtureFactory.class)
                .writeTo(plugins.resolve("quiet/quiet.jar")).getParent();

        String expected = "Plugin 'quiet' in plugin folder '" + folder + "' (jars: quiet.jar) has no MonitorPlugin"
                + " provider: no jar lists one in " + SERVICE_FILE + ". Expected that file in the plugin jar quiet.jar,"
                + " holding the fully qualified name of the plugin's class that implements"
                + " io.modelwatch.api.MonitorPlugin. Add it, and rebuild the plugin.";
        assertFailsWith(expected);
        assertThat(manager.plugins()).containsExactly(
                new PluginInfo("quiet", "1.0.0", "1.0", folder, List.of("quiet.jar"), List.of(), SKIPPED, expected));
    }

    @Test
    void refusesAFolderWithTwoProviders() {
        Path folder = JarBuilder.pluginJar("alpha", "1.2.0", "1.0")
                .classes(AlphaPlugin.class, GammaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, AlphaPlugin.class, GammaPlugin.class)
                .writeTo(plugins.resolve("alpha/alpha.jar")).getParent();

        assertFailsWith("Plugin 'alpha' in plugin folder '" + folder + "' (jars: alpha.jar) has 2 MonitorPlugin"
                + " providers: " + FIXTURES + "AlphaPlugin (in alpha.jar), " + FIXTURES + "GammaPlugin (in alpha.jar)."
                + " Expected exactly one per folder. List one class in " + SERVICE_FILE + ", or move each plugin,"
                + " with its jars, into its own folder.");
        assertThat(manager.registry().types()).isEmpty();
    }

    @Test
    void refusesAFolderThatBundlesTheApiNamingTheJar() {
        Path folder = alphaFolder("alpha");
        JarBuilder.jar().classes(MonitorPlugin.class).writeTo(folder.resolve("monitor-api-1.0.jar"));

        assertFailsWith("Jar 'monitor-api-1.0.jar' in plugin folder '" + folder + "' contains ModelWatch API"
                + " classes (io/modelwatch/api/MonitorPlugin.class), which the host provides; a plugin must not"
                + " bundle them. Remove it; plugins must depend on monitor-api with scope provided.");
        assertThat(manager.plugins()).extracting(PluginInfo::name, PluginInfo::version, PluginInfo::jars, PluginInfo::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "1.2.0",
                        List.of("alpha.jar", "monitor-api-1.0.jar"), SKIPPED));
    }

    @Test
    void refusesAPluginJarThatBundlesTheApi() {
        Path folder = JarBuilder.pluginJar("alpha", "1.2.0", "1.0")
                .classes(AlphaPlugin.class, FixtureFactory.class, MonitorPlugin.class)
                .services(MonitorPlugin.class, AlphaPlugin.class)
                .writeTo(plugins.resolve("alpha/alpha.jar")).getParent();

        assertFailsWith("Plugin jar 'alpha.jar' in plugin folder '" + folder + "' contains ModelWatch API classes"
                + " (io/modelwatch/api/MonitorPlugin.class), which the host provides; a plugin must not bundle them."
                + " Rebuild the plugin with monitor-api as a dependency of scope provided, and keep io.modelwatch.api"
                + " out of any shading.");
    }

    @Test
    void refusesPluginsBuiltForAnIncompatibleApiSayingBothVersionsAndTheFix() {
        Path future = JarBuilder.pluginJar("alpha", "3.0.0", "2.0").classes(AlphaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, AlphaPlugin.class).writeTo(plugins.resolve("future/future.jar")).getParent();
        Path newer = JarBuilder.pluginJar("gamma", "2.1.0", "1.9").classes(GammaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, GammaPlugin.class).writeTo(plugins.resolve("newer/newer.jar")).getParent();

        PluginLoadException e = catchThrowableOfType(PluginLoadException.class,
                () -> manager.loadFrom(plugins, OnError.FAIL));

        assertThat(e.problems()).containsExactly(
                "Plugin 'alpha' (jar 'future.jar' in plugin folder '" + future + "') was built for ModelWatch API 2.0,"
                        + " but this ModelWatch provides API 1.0 and accepts plugins built for API 1.0. Rebuild the"
                        + " plugin against API 1.0, or upgrade ModelWatch to a release that provides API 2.0.",
                "Plugin 'gamma' (jar 'newer.jar' in plugin folder '" + newer + "') was built for ModelWatch API 1.9,"
                        + " but this ModelWatch provides API 1.0 and accepts plugins built for API 1.0. Rebuild the"
                        + " plugin against API 1.0, or upgrade ModelWatch to a release that provides API 1.9.");
        assertThat(manager.plugins()).extracting(PluginInfo::name, PluginInfo::apiVersion, PluginInfo::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "2.0", SKIPPED),
                        org.assertj.core.groups.Tuple.tuple("gamma", "1.9", SKIPPED));
        assertThat(manager.registry().types()).isEmpty();
    }

    @Test
    void refusesAMetricTypeThatAnotherPluginAlreadyProvidesNamingBoth() {
        Path alpha = alphaFolder("alpha");
        Path delta = JarBuilder.pluginJar("delta", "0.1.0", "1.0").classes(DuplicateTypePlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, DuplicateTypePlugin.class).writeTo(plugins.resolve("delta/delta.jar"))
                .getParent();

        assertFailsWith("Metric type 'alpha.count' is provided by two plugins: 'alpha' (plugin folder '" + alpha
                + "') and 'delta' (plugin folder '" + delta + "'). Expected each metric type from one plugin only;"
                + " 'delta' was not loaded. Remove one of the two plugins, or rename the type in one of them.");
        // All or nothing: delta's other type is not registered either.
        assertThat(manager.registry().types()).containsExactly("alpha.count", "alpha.mean");
        assertThat(manager.registry().find("alpha.count").orElseThrow().plugin().name()).isEqualTo("alpha");
    }

    @Test
    void explainsAProviderWhoseConstructorThrows() {
        Path folder = singleClassFolder("broken", ThrowingConstructorPlugin.class);

        String expected = "Plugin 'broken' in plugin folder '" + folder + "' (jars: broken.jar) could not be started:"
                + " the constructor of its provider " + FIXTURES + "ThrowingConstructorPlugin threw"
                + " java.lang.IllegalStateException: cannot open model file models/broken.bin. Fix what the plugin"
                + " needs at start (its files and settings), or report this to the plugin's authors.";
        assertFailsWith(expected);
        assertThat(manager.plugins()).containsExactly(
                new PluginInfo("broken", "1.0.0", "1.0", folder, List.of("broken.jar"), List.of(), FAILED, expected));
    }

    @Test
    void explainsAProviderWithoutAPublicNoArgumentConstructor() {
        Path folder = singleClassFolder("noctor", NoDefaultConstructorPlugin.class);

        assertFailsWith("Plugin 'noctor' in plugin folder '" + folder + "' (jars: noctor.jar) could not be started:"
                + " its provider " + FIXTURES + "NoDefaultConstructorPlugin has no public no-argument constructor,"
                + " which ServiceLoader needs to create it. Add a public constructor without parameters (the class"
                + " must also be public and not abstract), then rebuild the plugin.");
    }

    @Test
    void explainsAMissingDependencyJar() {
        Path folder = singleClassFolder("needy", MissingDependencyPlugin.class);

        assertFailsWith("Plugin 'needy' in plugin folder '" + folder + "' (jars: needy.jar) could not be started:"
                + " its provider " + FIXTURES + "MissingDependencyPlugin needs the class " + FIXTURES
                + "dep.MissingDependency, which is in none of the folder's jars, so a jar the plugin depends on is"
                + " probably missing. Copy the plugin's dependency jars into '" + folder + "' next to the plugin jar.");
    }

    @Test
    void explainsAMissingJarHoldingTheProvidersSuperclassAndLoadsOnceItIsThere() {
        Path folder = singleClassFolder("based", BasedPlugin.class);

        assertFailsWith("Plugin 'based' in plugin folder '" + folder + "' (jars: based.jar) could not be started:"
                + " the plugin needs the class " + FIXTURES + "dep.PluginBase, which is in none of the folder's jars,"
                + " so a jar the plugin depends on is probably missing. Copy the plugin's dependency jars into '"
                + folder + "' next to the plugin jar.");

        JarBuilder.jar().classes(PluginBase.class).writeTo(folder.resolve("base-lib.jar"));
        PluginManager fresh = new PluginManager(new ApiCompatibility("1.0"));
        assertThat(fresh.loadFrom(plugins, OnError.FAIL)).extracting(PluginInfo::name, PluginInfo::jars, PluginInfo::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("based", List.of("base-lib.jar", "based.jar"), LOADED));
        fresh.close();
    }

    @Test
    void explainsAProviderWhoseStaticInitializationThrows() {
        Path folder = singleClassFolder("native", StaticInitFailingPlugin.class);

        assertFailsWith("Plugin 'native' in plugin folder '" + folder + "' (jars: native.jar) could not be started:"
                + " the static initialization of " + FIXTURES + "StaticInitFailingPlugin threw"
                + " java.lang.IllegalStateException: no fastmath in java.library.path. Fix what the plugin needs at"
                + " start, or report this to the plugin's authors.");
        assertThat(manager.plugins()).extracting(PluginInfo::status).containsExactly(FAILED);
    }

    @Test
    void explainsAServiceFileNamingAClassThatIsNotThere() {
        Path folder = JarBuilder.pluginJar("alpha", "1.2.0", "1.0").classes(AlphaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, FIXTURES + "AlphaPluggin")
                .writeTo(plugins.resolve("alpha/alpha.jar")).getParent();

        assertFailsWith("Plugin 'alpha' in plugin folder '" + folder + "' (jars: alpha.jar) could not be started: "
                + SERVICE_FILE + " names the class " + FIXTURES + "AlphaPluggin, which is in none of the folder's"
                + " jars. Expected the fully qualified name of the class that implements io.modelwatch.api.MonitorPlugin."
                + " Check that name, or copy the jar that holds the class into '" + folder + "'.");
    }

    @Test
    void explainsAServiceFileNamingAClassThatIsNotAPlugin() {
        Path folder = JarBuilder.pluginJar("alpha", "1.2.0", "1.0").classes(FixtureFactory.class)
                .services(MonitorPlugin.class, FixtureFactory.class)
                .writeTo(plugins.resolve("alpha/alpha.jar")).getParent();

        assertFailsWith("Plugin 'alpha' in plugin folder '" + folder + "' (jars: alpha.jar) could not be started: "
                + SERVICE_FILE + " names " + FIXTURES + "FixtureFactory, which does not implement"
                + " io.modelwatch.api.MonitorPlugin. Expected the class that implements it. Fix the name in that file,"
                + " and make sure the plugin does not bundle its own copy of monitor-api.");
    }

    @Test
    void marksAPluginFailedWhenItsFactoriesThrow() {
        Path folder = singleClassFolder("faulty", FailingFactoriesPlugin.class);

        String expected = "Plugin 'faulty' in plugin folder '" + folder + "' (jars: faulty.jar) failed in"
                + " metricFactories(): java.lang.IllegalStateException: factories not ready. Report this to the"
                + " plugin's authors; until it is fixed, remove its folder.";
        assertFailsWith(expected);
        assertThat(manager.plugins()).extracting(PluginInfo::status).containsExactly(FAILED);
    }

    @Test
    void refusesAPluginWhoseNameDiffersFromItsManifest() {
        Path folder = JarBuilder.pluginJar("alfa", "1.2.0", "1.0").classes(AlphaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, AlphaPlugin.class).writeTo(plugins.resolve("alpha/alpha.jar")).getParent();

        assertFailsWith("Plugin 'alfa' in plugin folder '" + folder + "' (jars: alpha.jar) is named 'alfa' by"
                + " ModelWatch-Plugin-Name in its manifest but 'alpha' by its name(). Expected the same name in both."
                + " Rebuild the plugin with ModelWatch-Plugin-Name: alpha, or fix its name().");
    }

    @Test
    void refusesASecondPluginOfTheSameName() {
        manager.install(new AlphaPlugin());
        Path folder = alphaFolder("alpha-1.2");

        assertFailsWith("Plugin 'alpha' in plugin folder '" + folder + "' (jars: alpha.jar) has the same name as"
                + " plugin 'alpha' dev already loaded (installed in-process). Expected each plugin once. Remove one of"
                + " the two (perhaps an older version was left behind).");
    }

    @Test
    void refusesFoldersWithoutAPluginJar() throws Exception {
        Path empty = Files.createDirectories(plugins.resolve("empty"));
        Path libs = plugins.resolve("libs");
        JarBuilder.jar().classes(BetaLibrary.class).writeTo(libs.resolve("b.jar"));
        JarBuilder.jar().classes(SharedName.class).writeTo(libs.resolve("a.jar"));
        Path two = alphaFolder("two");
        JarBuilder.pluginJar("gamma", "2.0.0", "1.0").classes(GammaPlugin.class).writeTo(two.resolve("gamma.jar"));

        PluginLoadException e = catchThrowableOfType(PluginLoadException.class,
                () -> manager.loadFrom(plugins, OnError.FAIL));

        assertThat(e.problems()).containsExactly(
                "Plugin folder '" + empty + "' holds no jars. Expected the plugin jar and the jars it depends on."
                        + " Copy them into the folder, or remove the folder.",
                "Plugin folder '" + libs + "' has no plugin jar: none of its jars (a.jar, b.jar) has"
                        + " ModelWatch-Plugin-Name in its manifest. Expected one plugin jar whose manifest has"
                        + " ModelWatch-Plugin-Name, ModelWatch-Plugin-Version and ModelWatch-Api-Version. Copy the"
                        + " plugin jar into the folder, or rebuild the plugin with these manifest entries.",
                "Plugin folder '" + two + "' holds 2 plugin jars: alpha.jar (plugin 'alpha'), gamma.jar (plugin"
                        + " 'gamma'). Expected one plugin per folder. Move each plugin, with the jars it depends on,"
                        + " into its own folder.");
        assertThat(manager.plugins()).extracting(PluginInfo::name).containsExactly("empty", "libs", "two");
    }

    @Test
    void refusesAJarThatCannotBeRead() throws Exception {
        Path folder = alphaFolder("alpha");
        Files.writeString(folder.resolve("notes.jar"), "this is not a zip file");

        PluginLoadException e = catchThrowableOfType(PluginLoadException.class,
                () -> manager.loadFrom(plugins, OnError.FAIL));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("Cannot read jar 'notes.jar' in plugin folder '" + folder + "': java.util.zip.ZipException")
                .endsWith(". Expected a jar file; it may be damaged or not a jar. Copy it again or rebuild it.");
    }

    @Test
    void refusesAJarPutDirectlyInThePluginsFolder() {
        alphaFolder("alpha");
        JarBuilder.pluginJar("gamma", "2.0.0", "1.0").classes(GammaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, GammaPlugin.class).writeTo(plugins.resolve("gamma.jar"));

        String expected = "Jar 'gamma.jar' is directly in the plugins folder '" + plugins + "'. Expected one folder per"
                + " plugin. Move it, with the jars it depends on, into its own folder such as '"
                + plugins.resolve("gamma") + "'.";
        assertFailsWith(expected);
        assertThat(manager.plugins()).containsExactly(
                new PluginInfo("alpha", "1.2.0", "1.0", plugins.resolve("alpha"), List.of("alpha.jar"),
                        List.of("alpha.count", "alpha.mean"), LOADED, null),
                new PluginInfo("gamma", null, null, plugins.resolve("gamma.jar"), List.of("gamma.jar"), List.of(),
                        SKIPPED, expected));
    }

    @Test
    void skipLogsAWarningRecordsTheProblemAndLoadsTheRest() throws Exception {
        alphaFolder("alpha");
        Path broken = singleClassFolder("broken", ThrowingConstructorPlugin.class);
        gammaFolder("gamma");
        Path libs = plugins.resolve("zzz");
        JarBuilder.jar().classes(SharedName.class).writeTo(libs.resolve("a.jar"));

        List<PluginInfo> infos = manager.loadFrom(plugins, OnError.SKIP);

        String brokenProblem = "Plugin 'broken' in plugin folder '" + broken + "' (jars: broken.jar) could not be"
                + " started: the constructor of its provider " + FIXTURES + "ThrowingConstructorPlugin threw"
                + " java.lang.IllegalStateException: cannot open model file models/broken.bin. Fix what the plugin"
                + " needs at start (its files and settings), or report this to the plugin's authors.";
        String libsProblem = "Plugin folder '" + libs + "' has no plugin jar: none of its jars (a.jar) has"
                + " ModelWatch-Plugin-Name in its manifest. Expected one plugin jar whose manifest has"
                + " ModelWatch-Plugin-Name, ModelWatch-Plugin-Version and ModelWatch-Api-Version. Copy the plugin jar"
                + " into the folder, or rebuild the plugin with these manifest entries.";
        assertThat(infos).extracting(PluginInfo::name, PluginInfo::status, PluginInfo::problem).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", LOADED, null),
                org.assertj.core.groups.Tuple.tuple("broken", FAILED, brokenProblem),
                org.assertj.core.groups.Tuple.tuple("gamma", LOADED, null),
                org.assertj.core.groups.Tuple.tuple("zzz", SKIPPED, libsProblem));
        assertThat(manager.plugins()).isEqualTo(infos);
        assertThat(manager.registry().types()).containsExactly("alpha.count", "alpha.mean", "gamma.latency");
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Skipping plugin 'broken' (plugins.on-error: skip): " + brokenProblem,
                        "Skipping plugin 'zzz' (plugins.on-error: skip): " + libsProblem);
    }

    @Test
    void failReportsEveryProblemTogetherAfterLoadingTheGoodPlugins() {
        alphaFolder("alpha");
        Path broken = singleClassFolder("broken", ThrowingConstructorPlugin.class);
        Path future = JarBuilder.pluginJar("future", "3.0.0", "2.0").classes(GammaPlugin.class)
                .writeTo(plugins.resolve("future/future.jar")).getParent();
        gammaFolder("gamma");
        Path quiet = JarBuilder.pluginJar("quiet", "1.0.0", "1.0").classes(FixtureFactory.class)
                .writeTo(plugins.resolve("quiet/quiet.jar")).getParent();

        PluginLoadException e = catchThrowableOfType(PluginLoadException.class,
                () -> manager.loadFrom(plugins, OnError.FAIL));

        List<String> problems = List.of(
                "Plugin 'broken' in plugin folder '" + broken + "' (jars: broken.jar) could not be started: the"
                        + " constructor of its provider " + FIXTURES + "ThrowingConstructorPlugin threw"
                        + " java.lang.IllegalStateException: cannot open model file models/broken.bin. Fix what the"
                        + " plugin needs at start (its files and settings), or report this to the plugin's authors.",
                "Plugin 'future' (jar 'future.jar' in plugin folder '" + future + "') was built for ModelWatch API 2.0,"
                        + " but this ModelWatch provides API 1.0 and accepts plugins built for API 1.0. Rebuild the"
                        + " plugin against API 1.0, or upgrade ModelWatch to a release that provides API 2.0.",
                "Plugin 'quiet' in plugin folder '" + quiet + "' (jars: quiet.jar) has no MonitorPlugin provider: no"
                        + " jar lists one in " + SERVICE_FILE + ". Expected that file in the plugin jar quiet.jar,"
                        + " holding the fully qualified name of the plugin's class that implements"
                        + " io.modelwatch.api.MonitorPlugin. Add it, and rebuild the plugin.");
        assertThat(e.problems()).isEqualTo(problems);
        assertThat(e).hasMessage("3 plugin problems:\n1. " + problems.get(0) + "\n2. " + problems.get(1) + "\n3. "
                + problems.get(2) + "\n" + ADVICE);
        assertThat(manager.plugins()).extracting(PluginInfo::name, PluginInfo::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alpha", LOADED),
                org.assertj.core.groups.Tuple.tuple("broken", FAILED),
                org.assertj.core.groups.Tuple.tuple("future", SKIPPED),
                org.assertj.core.groups.Tuple.tuple("gamma", LOADED),
                org.assertj.core.groups.Tuple.tuple("quiet", SKIPPED));
        assertThat(manager.registry().types()).containsExactly("alpha.count", "alpha.mean", "gamma.latency");
        assertThat(log.list).noneMatch(event -> event.getLevel() == Level.WARN);
    }

    @Test
    void aMissingPluginsFolderFailsOrIsSkipped() {
        String expected = "Plugins folder '" + plugins + "' does not exist. Expected a folder holding one folder per"
                + " plugin. Create it, or set plugins.dir in the configuration to the folder that holds the plugins.";

        assertThatThrownBy(() -> manager.loadFrom(plugins, OnError.FAIL))
                .isInstanceOf(PluginLoadException.class).hasMessage(expected);
        assertThat(manager.loadFrom(plugins, OnError.SKIP)).isEmpty();
        assertThat(log.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Level.WARN,
                        "Starting without plugins (plugins.on-error: skip): " + expected));
    }

    @Test
    void installsAPluginInProcess() {
        PluginInfo info = manager.install(new GammaPlugin());

        PluginInfo expected = new PluginInfo("gamma", "dev", "1.0", null, List.of(), List.of("gamma.latency"), LOADED, null);
        assertThat(info).isEqualTo(expected);
        assertThat(manager.plugins()).containsExactly(expected);
        RegisteredFactory latency = manager.registry().find("gamma.latency").orElseThrow();
        assertThat(latency.guard().classLoader()).isSameAs(GammaPlugin.class.getClassLoader());
        assertThat(latency.factory()).isInstanceOf(FixtureFactory.class);
    }

    @Test
    void installRefusesADuplicateTypeAndRecordsIt() {
        manager.install(new AlphaPlugin());

        String expected = "Metric type 'alpha.count' is provided by two plugins: 'alpha' (installed in-process) and"
                + " 'delta' (installed in-process). Expected each metric type from one plugin only; 'delta' was not"
                + " loaded. Remove one of the two plugins, or rename the type in one of them.";
        assertThatThrownBy(() -> manager.install(new DuplicateTypePlugin()))
                .isInstanceOf(PluginLoadException.class).hasMessage(expected);
        assertThat(manager.plugins()).extracting(PluginInfo::name, PluginInfo::status, PluginInfo::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", LOADED, null),
                        org.assertj.core.groups.Tuple.tuple("delta", SKIPPED, expected));
        assertThat(manager.registry().types()).containsExactly("alpha.count", "alpha.mean");
    }

    @Test
    void installRefusesInvalidNamesAndTypes() {
        MonitorPlugin badName = () -> "Bad-Name";
        MonitorPlugin badType = new MonitorPlugin() {
            @Override
            public String name() {
                return "ok";
            }

            @Override
            public java.util.Collection<io.modelwatch.api.MetricFactory> metricFactories() {
                return List.of(new FixtureFactory("ok.Score"), new FixtureFactory("ok.fine"), new FixtureFactory("ok.fine"));
            }
        };

        assertThatThrownBy(() -> manager.install(badName)).isInstanceOf(PluginLoadException.class)
                .hasMessage("Plugin class " + badName.getClass().getName() + " (installed in-process) gives 'Bad-Name'"
                        + " as its name(), which is not a valid plugin name. Expected lower case letters, digits and"
                        + " underscores, starting with a letter, such as 'nlp'. Report this to the plugin's authors.");
        PluginLoadException e = catchThrowableOfType(PluginLoadException.class, () -> manager.install(badType));
        String subject = "Plugin 'ok' (class " + badType.getClass().getName() + ", installed in-process)";
        assertThat(e.problems()).containsExactly(
                subject + ": its factory " + FIXTURES + "FixtureFactory gives 'ok.Score' as its type(), which is not a"
                        + " valid metric type. Expected lower case words joined by dots, such as 'ok.some_metric'."
                        + " Report this to the plugin's authors.",
                subject + " contributes the metric type 'ok.fine' twice (factories " + FIXTURES + "FixtureFactory and "
                        + FIXTURES + "FixtureFactory). Expected each type once. Report this to the plugin's authors.");
        assertThat(manager.registry().types()).isEmpty();
    }

    private void assertFailsWith(String problem) {
        PluginLoadException e = catchThrowableOfType(PluginLoadException.class,
                () -> manager.loadFrom(plugins, OnError.FAIL));
        assertThat(e).as("loadFrom should fail").isNotNull();
        assertThat(e.problems()).containsExactly(problem);
        assertThat(e).hasMessage(problem + "\n" + ADVICE);
    }

    private Path alphaFolder(String folder) {
        return JarBuilder.pluginJar("alpha", "1.2.0", "1.0")
                .classes(AlphaPlugin.class, FixtureFactory.class, SharedName.class)
                .services(MonitorPlugin.class, AlphaPlugin.class)
                .writeTo(plugins.resolve(folder).resolve("alpha.jar")).getParent();
    }

    private Path betaFolder(String folder) {
        Path dir = plugins.resolve(folder);
        JarBuilder.pluginJar("beta", "0.3.1", "1.0")
                .classes(BetaPlugin.class, FixtureFactory.class, SharedName.class)
                .services(MonitorPlugin.class, BetaPlugin.class)
                .writeTo(dir.resolve("beta.jar"));
        JarBuilder.jar().classes(BetaLibrary.class).writeTo(dir.resolve("beta-lib.jar"));
        return dir;
    }

    private Path gammaFolder(String folder) {
        return JarBuilder.pluginJar("gamma", "2.0.0", "1.0")
                .classes(GammaPlugin.class, FixtureFactory.class)
                .services(MonitorPlugin.class, GammaPlugin.class)
                .writeTo(plugins.resolve(folder).resolve("gamma.jar")).getParent();
    }

    // A folder named like the plugin, holding one jar with the provider and the fixture factory.
    private Path singleClassFolder(String name, Class<? extends MonitorPlugin> provider) {
        return JarBuilder.pluginJar(name, "1.0.0", "1.0")
                .classes(provider, FixtureFactory.class)
                .services(MonitorPlugin.class, provider)
                .writeTo(plugins.resolve(name).resolve(name + ".jar")).getParent();
    }
}
