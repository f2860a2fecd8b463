package io.modelwatch.api;

/**
 * The version of this contract, as {@code major.minor}.
 *
 * <p>A plugin built against API {@code a.b} runs on a host with API {@code c.d} when
 * {@code a == c} and {@code b <= d}: minor versions only add types, methods, and record
 * components whose earlier constructors stay.
 *
 * <p>1.1 added {@link OutputSpec#lowest()}, {@link OutputSpec#highest()} and
 * {@link OutputSpec#within}: the range of an output, to which the host cuts its interval.
 */
public final class ApiVersion {
    /** Major version: changes only when the contract breaks. */
    public static final int MAJOR = 1;
    /** Minor version: rises when something is added. */
    public static final int MINOR = 1;

    private ApiVersion() {
    }

    /** Returns this contract's version as text, for example {@code "1.0"}. */
    public static String current() {
        return MAJOR + "." + MINOR;
    }
}
