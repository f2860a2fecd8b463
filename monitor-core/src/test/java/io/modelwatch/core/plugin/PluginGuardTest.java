package io.modelwatch.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginGuardTest {
    private final ClassLoader pluginLoader = new URLClassLoader("test-plugin", new URL[0], null);
    private final PluginGuard guard = new PluginGuard("alpha", pluginLoader);
    private ClassLoader original;

    @BeforeEach
    void rememberContextLoader() {
        original = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void restoreContextLoader() {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Test
    void callRunsWithThePluginsContextLoaderAndRestoresIt() {
        String result = guard.call("name()", () -> {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader);
            return "alpha";
        });

        assertThat(result).isEqualTo("alpha");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void runRunsWithThePluginsContextLoaderAndRestoresIt() {
        AtomicReference<ClassLoader> seen = new AtomicReference<>();

        guard.run("add", () -> seen.set(Thread.currentThread().getContextClassLoader()));

        assertThat(seen.get()).isSameAs(pluginLoader);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void restoresTheContextLoaderWhenThePluginFails() {
        assertThatThrownBy(() -> guard.run("add", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(PluginCallException.class);

        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void restoresANullContextLoader() {
        Thread.currentThread().setContextClassLoader(null);

        guard.run("add", () -> assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(pluginLoader));

        assertThat(Thread.currentThread().getContextClassLoader()).isNull();
    }

    @Test
    void wrapsARuntimeExceptionNamingPluginAndCall() {
        IllegalStateException boom = new IllegalStateException("boom");

        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> guard.call("create nlp.bleu", () -> {
                    throw boom;
                }));

        assertThat(e).hasMessage("Plugin 'alpha' failed in create nlp.bleu: java.lang.IllegalStateException: boom")
                .hasCause(boom);
        assertThat(e.getCause()).isSameAs(boom);
        assertThat(e.pluginName()).isEqualTo("alpha");
        assertThat(e.what()).isEqualTo("create nlp.bleu");
    }

    @Test
    void wrapsLinkageErrors() {
        for (Throwable failure : List.of(new NoClassDefFoundError("org/example/Missing"),
                new ExceptionInInitializerError(new IllegalArgumentException("bad static")),
                new AbstractMethodError("io.modelwatch.api.Metric.codec()"))) {
            PluginCallException e = catchThrowableOfType(PluginCallException.class,
                    () -> guard.run("result", () -> {
                        throw (Error) failure;
                    }));
            assertThat(e.getCause()).isSameAs(failure);
            assertThat(e).hasMessageStartingWith("Plugin 'alpha' failed in result: " + failure.getClass().getName());
        }
    }

    @Test
    void wrapsARealStackOverflow() {
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> guard.call("merge", () -> recurse(0)));

        assertThat(e).hasMessage("Plugin 'alpha' failed in merge: java.lang.StackOverflowError")
                .hasCauseInstanceOf(StackOverflowError.class);
    }

    @Test
    void wrapsACheckedExceptionThrownSneakily() {
        IOException io = new IOException("disk gone");

        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> guard.run("codec().write", () -> PluginGuardTest.<RuntimeException>sneakyThrow(io)));

        assertThat(e).hasMessage("Plugin 'alpha' failed in codec().write: java.io.IOException: disk gone");
    }

    @Test
    void wrapsAnAssertionErrorFromPluginCode() {
        assertThatThrownBy(() -> guard.run("add", () -> {
            throw new AssertionError("invariant");
        })).isInstanceOf(PluginCallException.class)
                .hasMessage("Plugin 'alpha' failed in add: java.lang.AssertionError: invariant");
    }

    @Test
    void letsAPluginCallExceptionThroughUnchanged() {
        PluginCallException inner = new PluginCallException("beta", "type()", new IllegalStateException("x"));

        assertThatThrownBy(() -> guard.run("outer", () -> {
            throw inner;
        })).isSameAs(inner);
    }

    @Test
    void doesNotCatchOutOfMemoryError() {
        OutOfMemoryError oom = new OutOfMemoryError("test");

        assertThatThrownBy(() -> guard.run("add", () -> {
            throw oom;
        })).isSameAs(oom);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void exposesPluginNameAndLoader() {
        assertThat(guard.pluginName()).isEqualTo("alpha");
        assertThat(guard.classLoader()).isSameAs(pluginLoader);
        assertThatThrownBy(() -> new PluginGuard(null, pluginLoader)).hasMessage("pluginName is null");
        assertThatThrownBy(() -> new PluginGuard("alpha", null)).hasMessage("loader is null");
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
