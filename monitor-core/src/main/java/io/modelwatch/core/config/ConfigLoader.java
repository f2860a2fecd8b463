package io.modelwatch.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modelwatch.core.plugin.OnError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML configuration strictly: {@code ${ENV}} and {@code ${ENV:-default}} are substituted
 * (the default when the variable is unset or empty, as in the shell; not inside comments),
 * keys are bound to records through Jackson, and every unknown key, duplicate key, bad value and
 * wrong type is collected (with its line, path and a did-you-mean) instead of stopping at the
 * first. An empty value ({@code key: ""}) means the key is not set.
 *
 * <p>Thread-safe; one instance may load many files.
 */
public final class ConfigLoader {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, String> environment;

    /** Returns a loader that substitutes from the process environment. */
    public ConfigLoader() {
        this(System::getenv);
    }

    /** Returns a loader that substitutes from {@code environment} (tests pass a map's {@code get}). */
    public ConfigLoader(Function<String, String> environment) {
        this.environment = java.util.Objects.requireNonNull(environment, "environment is null");
    }

    /** A loaded configuration with the line of every path, for later (semantic) errors. */
    public record Loaded(ModelWatchConfig config, Path file, ConfigErrors errors) {
    }

    /**
     * Loads a file. Syntax and binding errors are collected in the returned {@link ConfigErrors};
     * callers add semantic errors to it and then call {@link ConfigErrors#throwIfAny()}.
     *
     * @throws ConfigException when the file cannot be read or parsed at all
     */
    public Loaded load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), 0, "",
                    "file not found (working directory: " + Path.of("").toAbsolutePath() + ")")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(file.toString(), 0, "", "cannot read: " + e)));
        }
        return parse(text, file);
    }

    /** Parses configuration text as if it came from {@code file}. */
    public Loaded parse(String text, Path file) {
        String name = file.toString();
        ConfigErrors early = new ConfigErrors(name, Map.of());
        String substituted = substitute(text, early);
        Map<String, Integer> lines;
        List<ConfigError> duplicates = new ArrayList<>();
        try {
            lines = lines(substituted, name, duplicates);
        } catch (IOException e) {
            throw new ConfigException(concat(early.errors(), syntaxError(name, e)));
        }
        ConfigErrors errors = new ConfigErrors(name, lines);
        for (ConfigError e : early.errors()) {
            errors.addAt(e.line(), e.path(), e.message());
        }
        for (ConfigError e : duplicates) {
            errors.addAt(e.line(), e.path(), e.message());
        }
        if (!hasContent(substituted)) {
            throw new ConfigException(List.of(new ConfigError(name, 0, "",
                    "the file is empty; it needs at least a 'monitors:' list")));
        }
        ModelWatchConfig config;
        try {
            config = mapper(errors).readValue(substituted, ModelWatchConfig.class);
        } catch (IOException e) {
            throw new ConfigException(concat(errors.errors(), syntaxError(name, e)));
        }
        if (config == null) {
            errors.addAt(1, "", "the file is empty; it needs at least a 'monitors:' list");
            config = new ModelWatchConfig(null, null, null, null, null, null, null, null);
        }
        return new Loaded(config, file, errors);
    }

    private static List<ConfigError> concat(List<ConfigError> errors, ConfigError last) {
        ArrayList<ConfigError> all = new ArrayList<>(errors);
        all.add(last);
        return all;
    }

    private static ConfigError syntaxError(String file, IOException e) {
        int line = 0;
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            line = jpe.getLocation().getLineNr();
        }
        String msg = e instanceof JsonProcessingException jpe
                ? jpe.getOriginalMessage() : e.getMessage();
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblem() != null) {
            // SnakeYAML's own text spans several lines with excerpts; one line reads better in a list of errors.
            msg = y.getProblem();
            if (y.getProblemMark() != null) {
                line = y.getProblemMark().getLine() + 1;
                msg += " (column " + (y.getProblemMark().getColumn() + 1) + ")";
            }
            if (y.getContext() != null && y.getContextMark() != null) {
                msg += ", " + y.getContext() + " that starts at line " + (y.getContextMark().getLine() + 1)
                        + ", column " + (y.getContextMark().getColumn() + 1);
            }
        }
        return new ConfigError(file, line, "", "not valid YAML: " + msg);
    }

    private String substitute(String text, ConfigErrors errors) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int comment = commentStart(line);
            String code = line.substring(0, comment);
            Matcher m = ENV.matcher(code);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = environment.apply(m.group(1));
                if ((value == null || value.isEmpty()) && m.group(2) != null) {
                    value = m.group(2); // as in the shell: the default applies when the variable is unset or empty
                }
                if (value == null) {
                    errors.addAt(i + 1, "", "environment variable " + m.group(1) + " is not set; set it, or give a default"
                            + " as ${" + m.group(1) + ":-value}");
                    value = "";
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            out.append(sb).append(line, comment, line.length());
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Returns where a YAML comment starts on a line (or its length): a '#' at the start or after a space, outside quotes. */
    private static int commentStart(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return line.length();
    }

    /** Whether the document holds anything but blanks and comments (called once the text has parsed). */
    private static boolean hasContent(String text) {
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            return p.nextToken() != null;
        } catch (IOException e) {
            return true; // let the binding report the syntax error
        }
    }

    /**
     * Maps every path in the document (keys and list items) to its 1-based line, and reports every
     * key that appears twice in one mapping (Jackson's strict detection would stop at the first).
     */
    private static Map<String, Integer> lines(String text, String file, List<ConfigError> duplicates) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        YAMLFactory factory = new YAMLFactory();
        try (JsonParser p = factory.createParser(text)) {
            Deque<Set<String>> keys = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.START_OBJECT) {
                    keys.push(new HashSet<>());
                } else if (t == JsonToken.END_OBJECT) {
                    keys.pop();
                }
                if (t == JsonToken.FIELD_NAME) {
                    int line = p.currentLocation().getLineNr();
                    lines.putIfAbsent(pathOf(ctx), line);
                    if (!keys.isEmpty() && !keys.peek().add(p.currentName())) {
                        duplicates.add(new ConfigError(file, line, pathOf(ctx), "the key '" + p.currentName()
                                + "' appears twice here; keep one"));
                    }
                } else if (ctx.inArray() && t != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(pathOf(ctx), p.currentTokenLocation().getLineNr());
                } else if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx.getParent() != null
                        && ctx.getParent().inArray()) {
                    lines.putIfAbsent(pathOf(ctx.getParent()), p.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    /** Returns a dotted path ({@code monitors[0].window.size}) for a parser context. */
    static String pathOf(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static ObjectMapper mapper(ConfigErrors errors) {
        SimpleModule times = new SimpleModule("modelwatch-times");
        times.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (notScalar(p, "a duration such as 15m", errors)) {
                    return null;
                }
                String text = p.getValueAsString();
                try {
                    return TimeValues.parseDuration(text == null ? p.getText() : text);
                } catch (IllegalArgumentException e) {
                    errors.add(pathOf(p.getParsingContext()), e.getMessage());
                    return null;
                }
            }
        });
        times.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (notScalar(p, "a timestamp such as 2026-11-01T00:00:00Z", errors)) {
                    return null;
                }
                try {
                    return TimeValues.parseInstant(p.getText());
                } catch (IllegalArgumentException e) {
                    errors.add(pathOf(p.getParsingContext()), e.getMessage());
                    return null;
                }
            }
        });
        times.addDeserializer(Integer.class, new JsonDeserializer<>() {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                // Jackson throws on a number out of int range and truncates 1.5 to 1; both are errors here.
                if (notScalar(p, "a whole number", errors)) {
                    return null;
                }
                String text = p.getText().trim();
                try {
                    return p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                            ? new java.math.BigDecimal(text).intValueExact() : Integer.valueOf(text);
                } catch (NumberFormatException | ArithmeticException e) {
                    errors.add(pathOf(p.getParsingContext()), "'" + text + "' is not a valid whole number"
                            + (p.currentToken() == JsonToken.VALUE_NUMBER_INT ? " (at most " + Integer.MAX_VALUE + ")" : ""));
                    return null;
                }
            }
        });
        times.addDeserializer(Mode.class, choice(Mode.class, errors));
        times.addDeserializer(OnError.class, choice(OnError.class, errors));
        return YAMLMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                // An empty value (key: "", often an empty ${VAR}) means "not set", as an absent key does.
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
                .addModule(times)
                .addHandler(new Collector(errors))
                .build();
    }

    /**
     * Reports a list or mapping where a single value belongs, at the key's path, and skips it.
     *
     * @return whether the value was not a scalar (and has been reported)
     */
    private static boolean notScalar(JsonParser p, String expected, ConfigErrors errors) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isScalarValue()) {
            return false;
        }
        JsonStreamContext ctx = p.getParsingContext();
        if ((t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && ctx.getParent() != null) {
            ctx = ctx.getParent();
        }
        errors.add(pathOf(ctx), "expected " + expected + " but found "
                + (t == JsonToken.START_ARRAY ? "a list" : "a mapping"));
        p.skipChildren();
        return true;
    }

    /**
     * Returns a deserializer of a configuration enum, case-insensitive, that collects a bad value
     * (the empty string included, which Jackson's own enum deserializer throws on) as an error.
     */
    private static <E extends Enum<E>> JsonDeserializer<E> choice(Class<E> type, ConfigErrors errors) {
        List<String> choices = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        return new JsonDeserializer<>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (notScalar(p, "one of " + String.join(", ", choices), errors)) {
                    return null;
                }
                String path = pathOf(p.getParsingContext());
                String text = p.getText().trim();
                for (E c : type.getEnumConstants()) {
                    if (c.name().equalsIgnoreCase(text)) {
                        return c;
                    }
                }
                errors.add(path, "'" + text + "' is not one of " + String.join(", ", choices) + "."
                        + Suggestions.didYouMean(text, choices));
                return null;
            }
        };
    }

    /** Turns Jackson's binding problems into collected errors and lets binding go on. */
    private static final class Collector extends DeserializationProblemHandler {
        private final ConfigErrors errors;

        Collector(ConfigErrors errors) {
            this.errors = errors;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Collection<Object> known = deserializer.getKnownPropertyNames();
            List<String> names = known == null ? List.of() : known.stream().map(String::valueOf).sorted().toList();
            String path = unknownKeyPath(ctxt, p, propertyName);
            errors.add(path, "unknown key '" + propertyName + "'."
                    + Suggestions.didYouMean(propertyName, names)
                    + (names.isEmpty() ? "" : " Valid keys here: " + String.join(", ", names) + "."));
            p.skipChildren();
            return true;
        }

        /**
         * Returns the path of an unknown key. Records bind through their constructor, so Jackson buffers
         * unknown keys and reports them from a buffer without locations once the whole object is read;
         * the file's own parser then stands at the object's end, in the context of its parent.
         */
        private static String unknownKeyPath(DeserializationContext ctxt, JsonParser p, String name) {
            JsonParser file = ctxt.getParser();
            if (file != null && file != p && file.currentToken() == JsonToken.END_OBJECT) {
                String parent = pathOf(file.getParsingContext());
                return parent.isEmpty() ? name : parent + "." + name;
            }
            JsonStreamContext ctx = p.getParsingContext();
            if (p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
                ctx = ctx.getParent();
            }
            return pathOf(ctx);
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            String path = pathOf(ctxt.getParser().getParsingContext());
            if (targetType.isEnum()) {
                List<String> choices = Arrays.stream(targetType.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
                errors.add(path, "'" + valueToConvert + "' is not one of " + String.join(", ", choices) + "."
                        + Suggestions.didYouMean(valueToConvert, choices));
            } else {
                errors.add(path, "'" + valueToConvert + "' is not a valid " + describe(targetType));
            }
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            errors.add(pathOf(ctxt.getParser().getParsingContext()),
                    valueToConvert + " is not a valid " + describe(targetType));
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                                ValueInstantiator valueInsts,
                                                JsonParser p, String msg) throws IOException {
            // A scalar where a mapping belongs, such as window: 1d instead of window: { size: 1d }.
            errors.add(pathOf(p.getParsingContext()), "expected " + describe(instClass) + " but found "
                    + describe(p.currentToken()) + " ('" + p.getText() + "')");
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            JsonStreamContext ctx = p.getParsingContext();
            if ((t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) && ctx.getParent() != null) {
                ctx = ctx.getParent(); // the path of the key, not of the list or mapping it opens
            }
            errors.add(pathOf(ctx), "expected " + describe(targetType.getRawClass()) + " but found " + describe(t));
            p.skipChildren();
            return null;
        }

        private static String describe(Class<?> type) {
            if (List.class.isAssignableFrom(type) || type.isArray()) {
                return "a list";
            }
            if (Map.class.isAssignableFrom(type) || type.isRecord()) {
                return "a mapping (key: value)";
            }
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
                return "whole number";
            }
            if (type == Double.class || type == double.class) {
                return "number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            return type == String.class ? "text" : type.getSimpleName();
        }

        private static String describe(JsonToken t) {
            switch (t) {
                case START_ARRAY: return "a list";
                case START_OBJECT: return "a mapping";
                case VALUE_STRING: return "text";
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT: return "a number";
                case VALUE_TRUE:
                case VALUE_FALSE: return "true/false";
                default: return "nothing";
            }
        }
    }

    /** Returns a JSON mapper with the project's settings, for sinks and tests. */
    public static ObjectMapper jsonMapper() {
        return JsonMapper.builder().build();
    }
}
