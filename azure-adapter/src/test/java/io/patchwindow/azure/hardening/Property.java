package io.patchwindow.azure.hardening;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.opentest4j.AssertionFailedError;

/**
 * A small seeded property harness for plain JUnit 5 (no property-testing engine): each case draws its input
 * from its own {@link SplittableRandom} (seed = the run seed mixed with the case number), runs the check with a
 * preemptive timeout, and on failure reports the property, the run seed, the case number, the case seed and
 * the input (shortened), so that a failure is reproduced with
 * {@code -Dpatchwindow.fuzz.seed=<seed>}. {@code -Dpatchwindow.fuzz.factor=N} multiplies the number of cases.
 *
 * <pre>{@code
 * Property.forAll("snapshot reader", 20261125L, 200, Duration.ofSeconds(10),
 *         r -> Gen.mutatedDocument(r, base), Gen::show, bytes -> assertResultOrInputError(bytes));
 * }</pre>
 */
final class Property {
    private Property() {
    }

    /** A generator: draws one input. */
    @FunctionalInterface
    interface Gen<T> {
        T next(SplittableRandom random);
    }

    /** A check that may throw anything (a failed assertion or an unexpected exception). */
    @FunctionalInterface
    interface Check<T> {
        void check(T input) throws Throwable;
    }

    /** @return the run seed: {@code -Dpatchwindow.fuzz.seed}, else the given default */
    static long seed(long defaultSeed) {
        String s = System.getProperty("patchwindow.fuzz.seed");
        return s == null || s.isBlank() ? defaultSeed : Long.parseLong(s.strip());
    }

    /** @return the number of cases: the default times {@code -Dpatchwindow.fuzz.factor} (default 1) */
    static int cases(int defaultCases) {
        String s = System.getProperty("patchwindow.fuzz.factor");
        return s == null || s.isBlank() ? defaultCases : defaultCases * Integer.parseInt(s.strip());
    }

    /**
     * Runs a property over generated inputs.
     *
     * @param name the property, for the failure message
     * @param defaultSeed the run seed unless {@code -Dpatchwindow.fuzz.seed} is set
     * @param defaultCases the number of cases (times {@code -Dpatchwindow.fuzz.factor})
     * @param perCase the time limit of one case (a hang guard)
     * @param gen draws an input
     * @param show renders an input for the failure message
     * @param check the property
     * @param <T> the input type
     */
    static <T> void forAll(String name, long defaultSeed, int defaultCases, Duration perCase, Gen<T> gen,
                           Function<T, String> show, Check<T> check) {
        long seed = seed(defaultSeed);
        int cases = cases(defaultCases);
        for (int i = 0; i < cases; i++) {
            long caseSeed = mix(seed, i);
            T input = gen.next(new SplittableRandom(caseSeed));
            try {
                assertTimeoutPreemptively(perCase, () -> {
                    check.check(input);
                    return null;
                });
            } catch (Throwable t) {
                String shown;
                try {
                    shown = shorten(Objects.toString(show.apply(input)), 3000);
                } catch (RuntimeException e) {
                    shown = "(unprintable: " + e + ")";
                }
                AssertionFailedError e = new AssertionFailedError("Property '" + name + "' failed: seed=" + seed
                        + " case=" + i + " caseSeed=" + caseSeed + " (rerun with -Dpatchwindow.fuzz.seed=" + seed
                        + ")\nfailure: " + Property.shorten(String.valueOf(t), 3000) + "\ninput: " + shown, t);
                System.err.println(e.getMessage());
                throw e;
            }
        }
    }

    static long mix(long seed, int i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
    }
}
