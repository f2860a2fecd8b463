package io.modelwatch.core.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.modelwatch.core.config.ConfigLoader;
import java.time.Clock;

/** Guice wiring of the application: the clock and the configuration loader. */
final class ModelWatchModule extends AbstractModule {
    private final Clock clock;

    ModelWatchModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(clock);
        bind(Bootstrap.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ConfigLoader configLoader() {
        return new ConfigLoader();
    }
}
