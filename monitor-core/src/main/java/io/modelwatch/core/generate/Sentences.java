package io.modelwatch.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds English source sentences with their German reference translations from the {@link Lexicon}.
 *
 * <p>A sentence is one or two clauses joined by "and"/"und": subject, verb, object, an optional place
 * and an optional adverb, with German articles and adjective endings inflected for gender, case
 * (nominative subject, accusative object) and article kind. Word order follows each language: English
 * puts a frequency adverb before the verb and other adverbials last; German puts either right after the
 * verb. Stateless.
 */
final class Sentences {

    /** One sentence pair: the source text and the reference as tokens, the final period included. */
    record Pair(String source, List<String> reference) {
        Pair {
            reference = List.copyOf(reference);
        }
    }

    private Sentences() {
    }

    static Pair next(DemoRandom random) {
        List<String> english = new ArrayList<>(24);
        List<String> german = new ArrayList<>(24);
        clause(random, english, german);
        if (random.chance(0.3)) {
            english.add("and");
            german.add("und");
            clause(random, english, german);
        }
        english.add(".");
        german.add(".");
        return new Pair(join(english), german);
    }

    /** Joins tokens with single spaces, none before punctuation, the first letter capitalised. */
    static String join(List<String> tokens) {
        StringBuilder text = new StringBuilder(tokens.size() * 8);
        for (String token : tokens) {
            boolean punctuation = token.equals(".") || token.equals(",");
            if (text.length() > 0 && !punctuation) {
                text.append(' ');
            }
            text.append(token);
        }
        if (text.length() > 0) {
            text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        }
        return text.toString();
    }

    private static void clause(DemoRandom random, List<String> english, List<String> german) {
        Lexicon.Pair verb = pick(random, Lexicon.VERBS);
        Lexicon.Pair frequency = random.chance(0.15) ? pick(random, Lexicon.FREQUENCIES) : null;
        Lexicon.Pair adverbial = frequency == null && random.chance(0.3) ? pick(random, Lexicon.ADVERBIALS) : null;
        Lexicon.Pair place = random.chance(0.4) ? pick(random, Lexicon.PLACES) : null;

        nounPhrase(random, true, english, german);
        if (frequency != null) {
            english.add(frequency.english());
        }
        english.add(verb.english());
        german.add(verb.german());
        if (frequency != null) {
            german.add(frequency.german());
        }
        if (adverbial != null) {
            addAll(german, adverbial.german());
        }
        nounPhrase(random, false, english, german);
        if (place != null) {
            addAll(english, place.english());
            addAll(german, place.german());
        }
        if (adverbial != null) {
            addAll(english, adverbial.english());
        }
    }

    private static void nounPhrase(DemoRandom random, boolean subject, List<String> english, List<String> german) {
        Lexicon.Noun noun = pick(random, Lexicon.NOUNS);
        Lexicon.Pair adjective = random.chance(0.5) ? pick(random, Lexicon.ADJECTIVES) : null;
        boolean definite = random.chance(0.65);
        char gender = noun.gender();

        String next = adjective != null ? adjective.english() : noun.english();
        english.add(definite ? "the" : startsWithVowel(next) ? "an" : "a");
        german.add(definite ? definiteArticle(gender, subject) : indefiniteArticle(gender, subject));
        if (adjective != null) {
            english.add(adjective.english());
            german.add(adjective.german() + adjectiveEnding(gender, subject, definite));
        }
        english.add(noun.english());
        german.add(noun.german());
    }

    private static String definiteArticle(char gender, boolean nominative) {
        switch (gender) {
            case 'm':
                return nominative ? "der" : "den";
            case 'f':
                return "die";
            default:
                return "das";
        }
    }

    private static String indefiniteArticle(char gender, boolean nominative) {
        switch (gender) {
            case 'm':
                return nominative ? "ein" : "einen";
            case 'f':
                return "eine";
            default:
                return "ein";
        }
    }

    private static String adjectiveEnding(char gender, boolean nominative, boolean definite) {
        if (gender == 'm' && !nominative) {
            return "en";
        }
        if (definite || gender == 'f') {
            return "e";
        }
        return gender == 'm' ? "er" : "es";
    }

    private static boolean startsWithVowel(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0;
    }

    private static void addAll(List<String> tokens, String phrase) {
        for (String token : phrase.split(" ")) {
            tokens.add(token);
        }
    }

    static <T> T pick(DemoRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
