package io.modelwatch.core.alert;

import io.modelwatch.core.alert.AlertCondition.And;
import io.modelwatch.core.alert.AlertCondition.Compare;
import io.modelwatch.core.alert.AlertCondition.Flag;
import io.modelwatch.core.alert.AlertCondition.Node;
import io.modelwatch.core.alert.AlertCondition.Not;
import io.modelwatch.core.alert.AlertCondition.Op;
import io.modelwatch.core.alert.AlertCondition.Operand;
import io.modelwatch.core.alert.AlertCondition.Or;
import io.modelwatch.core.alert.AlertCondition.Reference;
import io.modelwatch.core.alert.AlertCondition.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recursive-descent parser of {@link AlertCondition} (the grammar is there). One instance
 * parses one text; not thread-safe.
 */
final class ConditionParser {
    /** Nesting (parentheses and {@code not}) beyond this is refused rather than risking the stack. */
    static final int MAX_DEPTH = 50;

    private enum Kind { NUMBER, IDENT, OP, LPAREN, RPAREN, AND, OR, NOT, END }

    private record Token(Kind kind, String text, int column) {
    }

    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private int pos;
    private int depth;

    ConditionParser(String text) {
        this.text = text;
    }

    AlertCondition parse() {
        if (text.isBlank()) {
            throw error("the condition is empty; write one such as score < 25", 1);
        }
        lex();
        Node root = parseOr();
        Token t = peek();
        if (t.kind() != Kind.END) {
            throw error(t.kind() == Kind.RPAREN ? "unmatched ')'" : "expected 'and', 'or' or the end" + keywordHint(t),
                    t.column());
        }
        return new AlertCondition(text, root, AlertCondition.distinct(references));
    }

    // ---- grammar

    private Node parseOr() {
        Node left = parseAnd();
        while (peek().kind() == Kind.OR) {
            pos++;
            left = new Or(left, parseAnd());
        }
        return left;
    }

    private Node parseAnd() {
        Node left = parseUnary();
        while (peek().kind() == Kind.AND) {
            pos++;
            left = new And(left, parseUnary());
        }
        return left;
    }

    private Node parseUnary() {
        Token t = peek();
        if (t.kind() == Kind.NOT) {
            pos++;
            enter(t);
            Node operand = parseUnary();
            depth--;
            return new Not(operand);
        }
        return parsePrimary();
    }

    private Node parsePrimary() {
        Token t = peek();
        switch (t.kind()) {
            case LPAREN -> {
                pos++;
                enter(t);
                Node inner = parseOr();
                depth--;
                Token close = peek();
                if (close.kind() == Kind.END) {
                    throw error("unclosed '(' from column " + t.column() + ": expected ')'", close.column());
                }
                if (close.kind() != Kind.RPAREN) {
                    throw error("expected 'and', 'or' or ')'" + keywordHint(close), close.column());
                }
                pos++;
                return inner;
            }
            case NUMBER, IDENT -> {
                Operand left = operand();
                Token op = peek();
                if (op.kind() != Kind.OP) {
                    if (left.reference() != null && left.reference().source() == Source.SIGNIFICANT) {
                        return new Flag(left.reference());
                    }
                    throw error("expected a comparison (<, <=, >, >=, ==, !=) after '" + left.text() + "'"
                            + (left.reference() != null ? "; only a significant.<output> flag stands alone" : ""),
                            op.column());
                }
                pos++;
                Token r = peek();
                if (r.kind() != Kind.NUMBER && r.kind() != Kind.IDENT) {
                    throw error("expected a number or an output name" + keywordHint(r), r.column());
                }
                Operand right = operand();
                Token chained = peek();
                if (chained.kind() == Kind.OP) {
                    throw error("comparisons do not chain; write 'a < b and b < c'", chained.column());
                }
                return new Compare(left, op(op.text()), right);
            }
            default -> throw error("expected a condition such as score < 25", t.column());
        }
    }

    private Operand operand() {
        Token t = tokens.get(pos++);
        if (t.kind() == Kind.NUMBER) {
            return new Operand(Double.parseDouble(t.text()), t.text(), null);
        }
        String id = t.text();
        if (id.endsWith(".")) {
            throw error("expected an output name after '" + id + "'", t.column() + id.length());
        }
        Source source = Source.VALUE;
        for (Source s : Source.values()) {
            if (!s.prefix().isEmpty() && id.startsWith(s.prefix()) && s.prefix().length() > source.prefix().length()) {
                source = s;
            }
        }
        Reference ref = new Reference(source, id.substring(source.prefix().length()), t.column());
        references.add(ref);
        return new Operand(null, id, ref);
    }

    private static Op op(String symbol) {
        for (Op op : Op.values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        throw new IllegalStateException(symbol);
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep", t.column());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private static String keywordHint(Token t) {
        if (t.kind() == Kind.IDENT) {
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (lower.equals("and") || lower.equals("or") || lower.equals("not")) {
                return " (keywords are lower case: " + lower + ")";
            }
        }
        return "";
    }

    // ---- tokens

    private void lex() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.LPAREN : Kind.RPAREN, String.valueOf(c), column));
                i++;
            } else if (isDigit(c) || (c == '.' || c == '-') && startsNumber(i)) {
                i = number(i);
            } else if (c == '-') {
                throw error("'-' must be followed by a number (conditions have no arithmetic)", column);
            } else if (isIdentStart(c)) {
                int end = i + 1;
                while (end < n && isIdentPart(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                Kind kind = switch (word) {
                    case "and" -> Kind.AND;
                    case "or" -> Kind.OR;
                    case "not" -> Kind.NOT;
                    default -> Kind.IDENT;
                };
                tokens.add(new Token(kind, word, column));
                i = end;
            } else {
                i = operator(i);
            }
        }
        tokens.add(new Token(Kind.END, "", n + 1));
    }

    /** Whether a number starts at {@code i}: a digit, {@code .5}, {@code -2}, {@code -.5}. */
    private boolean startsNumber(int i) {
        int j = text.charAt(i) == '-' ? i + 1 : i;
        if (j < text.length() && isDigit(text.charAt(j))) {
            return true;
        }
        return j + 1 < text.length() && text.charAt(j) == '.' && isDigit(text.charAt(j + 1));
    }

    private int number(int start) {
        int n = text.length();
        int i = start;
        if (text.charAt(i) == '-') {
            i++;
        }
        while (i < n && isDigit(text.charAt(i))) {
            i++;
        }
        boolean ok = true;
        if (i < n && text.charAt(i) == '.') {
            i++;
            int digits = i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            ok = i > digits;
        }
        if (ok && i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            int digits = j;
            while (j < n && isDigit(text.charAt(j))) {
                j++;
            }
            ok = j > digits;
            i = j;
        }
        if (!ok || i < n && isIdentPart(text.charAt(i))) {
            int end = i;
            while (end < n && (isIdentPart(text.charAt(end)) || text.charAt(end) == '-' || text.charAt(end) == '+')) {
                end++;
            }
            throw error("malformed number '" + text.substring(start, end) + "'", start + 1);
        }
        tokens.add(new Token(Kind.NUMBER, text.substring(start, i), start + 1));
        return i;
    }

    private int operator(int i) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        int column = i + 1;
        String two = next == 0 ? String.valueOf(c) : "" + c + next;
        switch (c) {
            case '<', '>' -> {
                if (c == '<' && next == '>') {
                    throw error("'<>' is not a comparison; write '!='", column);
                }
                return op(next == '=' ? two : String.valueOf(c), i);
            }
            case '=' -> {
                if (next == '=') {
                    return op(two, i);
                }
                throw error(next == '<' || next == '>'
                        ? "'" + two + "' is not a comparison; write '" + next + "='"
                        : "'=' is not a comparison; write '=='", column);
            }
            case '!' -> {
                if (next == '=') {
                    return op(two, i);
                }
                throw error("'!' is not an operator; write 'not' or '!='", column);
            }
            case '&' -> throw error("'" + (next == '&' ? "&&" : "&") + "' is not an operator; write 'and'", column);
            case '|' -> throw error("'" + (next == '|' ? "||" : "|") + "' is not an operator; write 'or'", column);
            default -> throw error("unexpected character '" + c + "'", column);
        }
    }

    private int op(String symbol, int i) {
        tokens.add(new Token(Kind.OP, symbol, i + 1));
        return i + symbol.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '@' || c == '.';
    }

    private AlertSyntaxException error(String problem, int column) {
        return new AlertSyntaxException(problem, text, column);
    }
}
