package io.modelwatch.core.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The small English–German vocabulary the demo translation model works with.
 *
 * <p>Word lists written for this project: about 300 entries across nouns (with grammatical gender),
 * transitive verbs (third person singular), adjectives (German stem before its ending), places,
 * frequency adverbs and other adverbials. Enough variety for BLEU and chrF to behave as on real text; no claim to full grammar.
 * Immutable; loaded once.
 */
final class Lexicon {

    /** A noun: English form, German form (capitalised), gender {@code m}, {@code f} or {@code n}. */
    record Noun(String english, String german, char gender) {
    }

    /** A pair of words or phrases, each possibly several tokens separated by single spaces. */
    record Pair(String english, String german) {
    }

    static final List<Noun> NOUNS = nouns("""
            man Mann m|dog Hund m|teacher Lehrer m|doctor Arzt m|cook Koch m|friend Freund m|neighbour Nachbar m
            bird Vogel m|tree Baum m|letter Brief m|key Schlüssel m|table Tisch m|chair Stuhl m|train Zug m
            wagon Wagen m|apple Apfel m|cake Kuchen m|coffee Kaffee m|tea Tee m|ball Ball m|hat Hut m
            coat Mantel m|shoe Schuh m|computer Computer m|report Bericht m|contract Vertrag m|plan Plan m
            mistake Fehler m|customer Kunde m|student Student m|driver Fahrer m|baker Bäcker m|king König m
            brother Bruder m|father Vater m|son Sohn m|uncle Onkel m|hammer Hammer m|suitcase Koffer m
            plate Teller m|spoon Löffel m|fish Fisch m|cheese Käse m|wine Wein m|juice Saft m
            umbrella Regenschirm m|calendar Kalender m|cupboard Schrank m|mirror Spiegel m|garden Garten m
            woman Frau f|cat Katze f|sister Schwester f|mother Mutter f|daughter Tochter f|aunt Tante f
            bag Tasche f|lamp Lampe f|door Tür f|clock Uhr f|newspaper Zeitung f|map Karte f|invoice Rechnung f
            bottle Flasche f|cup Tasse f|flower Blume f|street Straße f|bridge Brücke f|church Kirche f
            school Schule f|machine Maschine f|message Nachricht f|question Frage f|answer Antwort f
            idea Idee f|list Liste f|camera Kamera f|jacket Jacke f|fork Gabel f|pear Birne f|soup Suppe f
            milk Milch f|banana Banane f|candle Kerze f|blanket Decke f|wall Wand f|story Geschichte f
            drawing Zeichnung f|melody Melodie f|rule Regel f|task Aufgabe f|company Firma f|bench Bank f
            singer Sängerin f|window Fenster n|child Kind n|book Buch n|house Haus n|car Auto n
            picture Bild n|bread Brot n|glass Glas n|knife Messer n|bicycle Fahrrad n|boat Boot n
            airplane Flugzeug n|horse Pferd n|sheep Schaf n|pig Schwein n|gift Geschenk n|song Lied n
            game Spiel n|bed Bett n|room Zimmer n|roof Dach n|paper Papier n|money Geld n|phone Handy n
            notebook Heft n|parcel Paket n|egg Ei n|water Wasser n|beer Bier n|meal Essen n|girl Mädchen n
            baby Baby n|wheel Rad n|ship Schiff n|ticket Ticket n|shirt Hemd n|dress Kleid n|photo Foto n
            program Programm n|problem Problem n|document Dokument n|form Formular n|piano Klavier n
            """);

    static final List<Pair> VERBS = pairs("""
            sees=sieht|buys=kauft|finds=findet|needs=braucht|has=hat|likes=mag|carries=trägt|opens=öffnet
            closes=schließt|reads=liest|writes=schreibt|sells=verkauft|brings=bringt|takes=nimmt|holds=hält
            paints=malt|cleans=putzt|repairs=repariert|visits=besucht|loves=liebt|hates=hasst|forgets=vergisst
            washes=wäscht|cooks=kocht|eats=isst|drinks=trinkt|draws=zeichnet|sends=schickt|receives=bekommt
            builds=baut|breaks=zerbricht|throws=wirft|catches=fängt|checks=prüft|describes=beschreibt
            explains=erklärt|orders=bestellt|pays=bezahlt|counts=zählt|hears=hört|hides=versteckt|lifts=hebt
            moves=bewegt|packs=packt|pulls=zieht|pushes=schiebt|shows=zeigt|signs=unterschreibt|tests=testet
            uses=benutzt|watches=beobachtet|greets=begrüßt|knows=kennt|understands=versteht|forgives=verzeiht
            """);

    static final List<Pair> ADJECTIVES = pairs("""
            old=alt|young=jung|big=groß|small=klein|new=neu|red=rot|blue=blau|green=grün|black=schwarz
            white=weiß|yellow=gelb|happy=glücklich|sad=traurig|fast=schnell|slow=langsam|quiet=leis
            loud=laut|clean=sauber|dirty=schmutzig|cheap=billig|expensive=teur|heavy=schwer|light=leicht
            warm=warm|cold=kalt|hot=heiß|beautiful=schön|ugly=hässlich|strange=seltsam|famous=berühmt
            friendly=freundlich|tired=müd|hungry=hungrig|rich=reich|poor=arm|long=lang|short=kurz
            wide=breit|narrow=eng|round=rund|soft=weich|hard=hart|bright=hell|dark=dunkl|modern=modern
            empty=leer|full=voll|secret=geheim|strong=stark|weak=schwach|clever=klug|lazy=faul|brave=mutig
            funny=lustig|important=wichtig|simple=einfach|dangerous=gefährlich|wet=nass|dry=trocken
            """);

    static final List<Pair> PLACES = pairs("""
            in the garden=im Garten|in the kitchen=in der Küche|at the station=am Bahnhof
            in the office=im Büro|in the park=im Park|at home=zu Hause|in the city=in der Stadt
            at the market=auf dem Markt|in the school=in der Schule|on the street=auf der Straße
            in the library=in der Bibliothek|at the airport=am Flughafen|in the hotel=im Hotel
            on the bridge=auf der Brücke|in the forest=im Wald|at the beach=am Strand|in the shop=im Geschäft
            in the village=im Dorf|at the hospital=im Krankenhaus|in the museum=im Museum
            """);

    /** Frequency adverbs: before the verb in English, after it in German. */
    static final List<Pair> FREQUENCIES = pairs("""
            often=oft|always=immer|never=nie|sometimes=manchmal|already=schon|usually=normalerweise
            rarely=selten|still=noch
            """);

    /** Time and manner adverbials: last in English, right after the verb in German. */
    static final List<Pair> ADVERBIALS = pairs("""
            today=heute|tomorrow=morgen|now=jetzt|again=wieder|carefully=vorsichtig|gladly=gern
            every day=jeden Tag|in the morning=am Morgen|in the evening=am Abend|at night=in der Nacht
            on Monday=am Montag|on Sunday=am Sonntag|after work=nach der Arbeit|quickly=schnell
            """);

    /** German content words a poor translation substitutes for the right one. */
    static final List<String> GERMAN_WORDS;

    /** English content words a poor translation leaves untranslated. */
    static final List<String> ENGLISH_WORDS;

    static {
        List<String> german = new ArrayList<>();
        List<String> english = new ArrayList<>();
        for (Noun noun : NOUNS) {
            german.add(noun.german());
            english.add(noun.english());
        }
        for (Pair verb : VERBS) {
            german.add(verb.german());
            english.add(verb.english());
        }
        for (Pair adjective : ADJECTIVES) {
            german.add(adjective.german() + "e");
            english.add(adjective.english());
        }
        GERMAN_WORDS = List.copyOf(german);
        ENGLISH_WORDS = List.copyOf(english);
    }

    private Lexicon() {
    }

    private static List<Noun> nouns(String table) {
        List<Noun> nouns = new ArrayList<>();
        for (String entry : entries(table)) {
            String[] parts = entry.split(" ");
            if (parts.length != 3 || parts[2].length() != 1) {
                throw new IllegalStateException("bad noun entry: " + entry);
            }
            nouns.add(new Noun(parts[0], parts[1], parts[2].charAt(0)));
        }
        return List.copyOf(nouns);
    }

    private static List<Pair> pairs(String table) {
        List<Pair> pairs = new ArrayList<>();
        for (String entry : entries(table)) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalStateException("bad pair entry: " + entry);
            }
            pairs.add(new Pair(entry.substring(0, equals), entry.substring(equals + 1)));
        }
        return List.copyOf(pairs);
    }

    private static List<String> entries(String table) {
        List<String> entries = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            for (String entry : line.strip().split("\\|")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
