package io.modelwatch.api;

/** The type of a metric parameter, which decides how the host validates the YAML value. */
public enum ParamType {
    /** Any string; with {@link ParamSpec#choices()} one of a fixed set. Read with {@link MetricSpec#string}. */
    STRING,
    /** A whole number. Read with {@link MetricSpec#integer}. */
    INTEGER,
    /** A number. Read with {@link MetricSpec#number}. */
    NUMBER,
    /** {@code true} or {@code false}. Read with {@link MetricSpec#bool}. */
    BOOLEAN,
    /** A list of whole numbers (a single number counts as a list of one). Read with {@link MetricSpec#integers}. */
    INTEGER_LIST,
    /** A list of strings (a single string counts as a list of one). Read with {@link MetricSpec#strings}. */
    STRING_LIST,
    /** The name of a key under the monitor's {@code fields:}. Read with {@link MetricSpec#string}. */
    FIELD,
    /** A file path, relative to the configuration file's folder. Read with {@link MetricSpec#path}. */
    PATH
}
