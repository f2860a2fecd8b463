package io.modelwatch.core.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4, for tests: every line is a {@code # HELP},
 * a {@code # TYPE} or a sample {@code name{label="value",...} value}, and every sample's family
 * has its HELP and TYPE before it. Anything else fails.
 */
final class Exposition {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final List<Sample> samples = new ArrayList<>();
    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the text does not end with a newline");
        }
        for (String line : text.split("\n")) {
            e.line(line);
        }
        return e;
    }

    private void line(String line) {
        Matcher m;
        if ((m = HELP.matcher(line)).matches()) {
            help.put(m.group(1), m.group(2));
        } else if ((m = TYPE.matcher(line)).matches()) {
            if (types.put(m.group(1), m.group(2)) != null) {
                throw new AssertionError("two TYPE lines for " + m.group(1));
            }
        } else if (line.startsWith("#")) {
            throw new AssertionError("not a HELP or TYPE line: " + line);
        } else {
            Sample s = sample(line);
            String family = family(s.name());
            if (!types.containsKey(family) || !help.containsKey(family)) {
                throw new AssertionError("no HELP and TYPE before " + line);
            }
            samples.add(s);
        }
    }

    private String family(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_total", "_bucket", "_count", "_sum", "_created")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (base != null && types.containsKey(base)) {
                return base;
            }
        }
        return name;
    }

    private static Sample sample(String line) {
        Matcher m = NAME.matcher(line);
        if (!m.lookingAt()) {
            throw new AssertionError("no metric name: " + line);
        }
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                Matcher l = LABEL_NAME.matcher(line).region(i, line.length());
                if (!l.lookingAt() || line.charAt(l.end()) != '=' || line.charAt(l.end() + 1) != '"') {
                    throw new AssertionError("bad label at " + i + ": " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = l.end() + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(l.group(), value.toString()) != null) {
                    throw new AssertionError("label given twice: " + line);
                }
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new AssertionError("no space before the value: " + line);
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw new AssertionError("more than a value and a timestamp: " + line);
        }
        return new Sample(name, labels, value(rest[0], line));
    }

    private static double value(String text, String line) {
        switch (text) {
            case "+Inf": return Double.POSITIVE_INFINITY;
            case "-Inf": return Double.NEGATIVE_INFINITY;
            case "NaN": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("bad value '" + text + "': " + line);
                }
        }
    }

    /** The samples of one name. */
    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample of that name whose labels include the given ones; fails when not exactly one. */
    double value(String name, String... labelPairs) {
        List<Sample> found = named(name).stream().filter(s -> {
            for (int k = 0; k < labelPairs.length; k += 2) {
                if (!labelPairs[k + 1].equals(s.labels().get(labelPairs[k]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples " + name + " " + List.of(labelPairs) + " in " + named(name));
        }
        return found.get(0).value();
    }
}
