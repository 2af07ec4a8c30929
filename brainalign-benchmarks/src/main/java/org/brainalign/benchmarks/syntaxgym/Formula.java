package org.brainalign.benchmarks.syntaxgym;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A SyntaxGym prediction formula, parsed once and evaluated per item against region surprisals.
 * The language (as the 2020 suites use it): region references {@code (N;%condition%)}, number
 * literals, {@code +} and {@code -}, comparisons {@code <}, {@code >} and {@code =} (equal within
 * rtol 1e-5, atol 1e-3, SyntaxGym's tolerance), conjunction {@code &}, disjunction {@code |} and
 * parentheses. Precedence from loose to tight: {@code |}, {@code &}, comparison, {@code + -}.
 * Anything else is a parse error naming the position.
 */
public final class Formula {
    /** A parsed expression. */
    sealed interface Expr permits Logic, Compare, Arith, Region, Num {}

    record Logic(char op, Expr left, Expr right) implements Expr {}

    record Compare(char op, Expr left, Expr right) implements Expr {}

    record Arith(char op, Expr left, Expr right) implements Expr {}

    record Region(int region, String condition) implements Expr {}

    record Num(double value) implements Expr {}

    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-3;

    private final String text;
    private final Expr root;

    private Formula(String text, Expr root) {
        this.text = text;
        this.root = root;
    }

    /** Parses a formula; throws {@link IllegalArgumentException} naming the problem and its position. */
    public static Formula parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.logic();
        p.skip();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Formula(text, e);
    }

    public String text() {
        return text;
    }

    /** The conditions the formula refers to. */
    public Set<String> conditions() {
        Set<String> out = new LinkedHashSet<>();
        collect(root, out);
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        switch (e) {
            case Logic l -> {
                collect(l.left(), out);
                collect(l.right(), out);
            }
            case Compare c -> {
                collect(c.left(), out);
                collect(c.right(), out);
            }
            case Arith a -> {
                collect(a.left(), out);
                collect(a.right(), out);
            }
            case Region r -> out.add(r.condition());
            case Num n -> {
            }
        }
    }

    /**
     * Whether the prediction holds, given per condition the surprisal of each region (index =
     * region number − 1).
     */
    public boolean holds(Map<String, double[]> surprisals) {
        Object v = eval(root, surprisals);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("formula '" + text + "' is not a comparison or a logical combination of comparisons");
        }
        return b;
    }

    private Object eval(Expr e, Map<String, double[]> s) {
        return switch (e) {
            case Logic l -> {
                boolean a = bool(eval(l.left(), s));
                boolean b = bool(eval(l.right(), s));
                yield l.op() == '&' ? a && b : a || b;
            }
            case Compare c -> {
                double a = num(eval(c.left(), s));
                double b = num(eval(c.right(), s));
                yield switch (c.op()) {
                    case '<' -> a < b;
                    case '>' -> a > b;
                    default -> Math.abs(a - b) <= ATOL + RTOL * Math.abs(b);
                };
            }
            case Arith a -> {
                double x = num(eval(a.left(), s));
                double y = num(eval(a.right(), s));
                yield a.op() == '+' ? x + y : x - y;
            }
            case Region r -> {
                double[] regions = s.get(r.condition());
                if (regions == null) {
                    throw new IllegalArgumentException("formula '" + text + "' refers to condition '" + r.condition()
                            + "', which the item does not have; it has " + s.keySet());
                }
                if (r.region() < 1 || r.region() > regions.length) {
                    throw new IllegalArgumentException("formula '" + text + "' refers to region " + r.region() + " of condition '"
                            + r.condition() + "', which has " + regions.length + " regions");
                }
                yield regions[r.region() - 1];
            }
            case Num n -> n.value();
        };
    }

    private boolean bool(Object o) {
        if (!(o instanceof Boolean b)) {
            throw new IllegalArgumentException("formula '" + text + "': '&' and '|' need comparisons on both sides");
        }
        return b;
    }

    private double num(Object o) {
        if (!(o instanceof Double d)) {
            throw new IllegalArgumentException("formula '" + text + "': comparisons and arithmetic need numbers, not a truth value");
        }
        return d;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Recursive-descent parser over the formula text. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean peek(char c) {
            skip();
            return pos < s.length() && s.charAt(pos) == c;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("cannot parse SyntaxGym formula '" + s + "' at position " + pos + ": " + what);
        }

        Expr logic() {
            Expr left = conjunction();
            while (peek('|')) {
                pos++;
                left = new Logic('|', left, conjunction());
            }
            return left;
        }

        Expr conjunction() {
            Expr left = comparison();
            while (peek('&')) {
                pos++;
                left = new Logic('&', left, comparison());
            }
            return left;
        }

        Expr comparison() {
            Expr left = sum();
            skip();
            if (pos < s.length() && "<>=".indexOf(s.charAt(pos)) >= 0) {
                char op = s.charAt(pos++);
                if (pos < s.length() && s.charAt(pos) == '=') {
                    throw error("'" + op + "=' is not part of the SyntaxGym formula language");
                }
                return new Compare(op, left, sum());
            }
            return left;
        }

        Expr sum() {
            Expr left = atom();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    left = new Arith(op, left, atom());
                } else {
                    return left;
                }
            }
        }

        Expr atom() {
            skip();
            if (pos >= s.length()) {
                throw error("expression ends early");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                int save = pos;
                Expr region = tryRegion();
                if (region != null) {
                    return region;
                }
                pos = save + 1;
                Expr inner = logic();
                if (!peek(')')) {
                    throw error("expected ')'");
                }
                pos++;
                return inner;
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                return new Num(Double.parseDouble(s.substring(start, pos)));
            }
            throw error("unexpected '" + c + "'");
        }

        /** {@code (N;%condition%)} at pos, or null (pos unchanged) when the parenthesis opens something else. */
        private Expr tryRegion() {
            int p = pos + 1;
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            int digits = p;
            while (p < s.length() && Character.isDigit(s.charAt(p))) {
                p++;
            }
            if (p == digits || p + 1 >= s.length() || s.charAt(p) != ';' || s.charAt(p + 1) != '%') {
                return null;
            }
            int region = Integer.parseInt(s.substring(digits, p));
            int nameStart = p + 2;
            int nameEnd = s.indexOf('%', nameStart);
            if (nameEnd < 0) {
                pos = nameStart;
                throw error("condition name is not closed with '%'");
            }
            String condition = s.substring(nameStart, nameEnd);
            if (!condition.matches("[A-Za-z0-9_-]+")) {
                pos = nameStart;
                throw error("condition name '" + condition + "' may only hold letters, digits, '_' and '-'");
            }
            p = nameEnd + 1;
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            if (p >= s.length() || s.charAt(p) != ')') {
                pos = p;
                throw error("expected ')' after the region reference");
            }
            pos = p + 1;
            return new Region(region, condition);
        }
    }
}
