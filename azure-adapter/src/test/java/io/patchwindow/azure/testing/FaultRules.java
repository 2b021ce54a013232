package io.patchwindow.azure.testing;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The injected faults and what they do to a request: each rule matches paths (a regular expression, searched)
 * and gives its fault a number of times, after a number of untouched requests, or with a probability. Thread-safe.
 */
final class FaultRules {
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger served = new AtomicInteger();

    /**
     * What the faults decided for one request.
     *
     * @param answer the answer that replaces the emulated one, or null
     * @param reset whether the connection is closed without an answer, unhandled
     * @param loseAnswer whether an ARM resource's answer is to be lost after the request was handled
     * @param partial whether a Log Analytics answer is to be partial
     */
    record Verdict(Answer answer, boolean reset, boolean loseAnswer, boolean partial) {
        static final Verdict RESET = new Verdict(null, true, false, false);

        static Verdict answer(Answer answer) {
            return new Verdict(answer, false, false, false);
        }
    }

    void add(String pathRegex, Fault fault, int times, int skip) {
        Rule rule = new Rule(pattern(pathRegex), List.of(fault), false, times, 1.0, null, false);
        rule.skip.set(skip);
        rules.add(rule);
    }

    void addRandom(String pathRegex, Fault fault, double probability, long seed, boolean writesOnly) {
        rules.add(new Rule(pattern(pathRegex), List.of(fault), false, -1, probability, new Random(seed), writesOnly));
    }

    /** Each matching request, with a probability, gets one of the faults chosen at random with equal weight. */
    void addChaos(String pathRegex, List<Fault> faults, double probability, long seed) {
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("faults is empty");
        }
        rules.add(new Rule(pattern(pathRegex), List.copyOf(faults), true, -1, probability, new Random(seed), false));
    }

    void clear() {
        rules.clear();
    }

    int served() {
        return served.get();
    }

    /** Counts a lost answer (decided by {@link Verdict#loseAnswer()}, served once the request was handled). */
    void answerLost() {
        served.incrementAndGet();
    }

    /**
     * Applies every rule to a request, in the order they were added: delays add up, a partial error or a lost
     * answer is noted, and the first reset or error answer ends the request.
     */
    Verdict check(Request request) {
        boolean partial = false;
        boolean loseAnswer = false;
        for (Rule rule : rules) {
            Fault f = rule.take(request);
            if (f == null) {
                continue;
            }
            if (f.delay != null) {
                sleep(f.delay);
            }
            if (f.partialError) {
                partial = true;
            }
            switch (f.kind) {
                case RESET -> {
                    served.incrementAndGet();
                    return Verdict.RESET; // closing the exchange without an answer closes the connection
                }
                case LOST_ANSWER -> loseAnswer = true;
                case CANNED -> {
                    served.incrementAndGet();
                    return Verdict.answer(Answer.raw(f.status, f.cannedBody));
                }
                case ECHO_AUTHORIZATION -> {
                    served.incrementAndGet();
                    return Verdict.answer(echo(f, request.authorization()));
                }
                case PLAIN -> {
                    if (f.status > 0) {
                        served.incrementAndGet();
                        return Verdict.answer(error(f));
                    }
                }
                default -> throw new IllegalStateException("unknown fault kind " + f.kind);
            }
        }
        return new Verdict(null, false, loseAnswer, partial);
    }

    /** A misbehaving proxy or service that echoes the request's credentials back. */
    private static Answer echo(Fault f, String auth) {
        ObjectNode echo = Arm.JSON.createObjectNode();
        echo.putObject("error").put("code", f.code).put("message", "Echo: " + auth).put("authorization", auth);
        return Answer.json(f.status, echo).withHeader("X-Echo-Authorization", auth == null ? "" : auth);
    }

    private static Answer error(Fault f) {
        Answer a = Answer.error(f.status, f.code, "Injected fault " + f.status + " " + f.code);
        if (f.retryAfter != null) {
            a = a.withHeader("Retry-After", Long.toString(f.retryAfter.toSeconds()));
            if (f.retryAfter.toMillisPart() != 0) {
                a = a.withHeader("x-ms-retry-after-ms", Long.toString(f.retryAfter.toMillis()));
            }
        }
        return a;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Pattern pattern(String pathRegex) {
        return Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE);
    }

    /** One rule: a path, its faults (one, or a seeded random choice among several) and how often. */
    private static final class Rule {
        private final Pattern path;
        private final List<Fault> faults;
        /** Whether a random choice among the faults is drawn after the probability. */
        private final boolean chooses;
        private final AtomicInteger remaining;
        private final double probability;
        private final Random random;
        private final boolean writesOnly;
        /** Matching requests that pass before the fault applies. */
        private final AtomicInteger skip = new AtomicInteger();

        Rule(Pattern path, List<Fault> faults, boolean chooses, int times, double probability, Random random,
             boolean writesOnly) {
            this.path = path;
            this.faults = faults;
            this.chooses = chooses;
            this.remaining = new AtomicInteger(times);
            this.probability = probability;
            this.random = random;
            this.writesOnly = writesOnly;
        }

        Fault take(Request request) {
            if (writesOnly && !request.isWrite()) {
                return null;
            }
            if (!path.matcher(request.path()).find()) {
                return null;
            }
            if (skip.get() > 0 && skip.getAndDecrement() > 0) {
                return null;
            }
            Fault fault = faults.get(0);
            if (random != null) {
                synchronized (random) {
                    if (random.nextDouble() >= probability) {
                        return null;
                    }
                    return chooses ? faults.get(random.nextInt(faults.size())) : fault;
                }
            }
            if (remaining.get() < 0) {
                return fault;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0 ? fault : null;
        }
    }
}
