package io.patchwindow.core.assessment;

import java.util.Objects;

/**
 * The rule for package names and versions read from an assessment: what the platform hands to yum as a
 * package mask must be exactly one RPM package, never a wildcard, a version pin, an option or a path.
 *
 * <p>A name is accepted when it is what rpmbuild accepts in a spec file's {@code Name:} tag (rpm's
 * {@code rpmCharCheck} with {@code ALLOWED_CHARS_NAME} and {@code ALLOWED_FIRSTCHARS_NAME}: ASCII letters
 * and digits and {@code . - _ + % { }}, first character a letter, digit, {@code _} or {@code %}, no
 * {@code ..}), without the macro characters {@code % { }} (a built package never has them in its name;
 * rpmbuild warns of an unexpanded macro), and at most {@value #MAX_LENGTH} characters (the package's file
 * name {@code name-version-release.arch.rpm} must fit a 255-byte file name). So: {@code [A-Za-z0-9_]}
 * then {@code [A-Za-z0-9._+-]}, no {@code ..}. That leaves out everything the Linux patch extension or yum
 * would read as something else: wildcards ({@code * ? [}), a pin ({@code =}), an option (a leading
 * {@code -}), a path ({@code /}, {@code .}, {@code ..}), white space, shell characters, and every
 * non-ASCII character (a lone surrogate would be written as {@code ?}).
 *
 * <p>A version (the available EVR, written as a pin {@code name=version} with {@code --pin-versions}) is
 * accepted when it is what rpm accepts as an EVR ({@code ALLOWED_CHARS_EVR}: ASCII letters and digits and
 * {@code . _ + ~ ^ - :}, without the macro characters), first character a letter or digit, at most
 * {@value #MAX_LENGTH} characters.
 */
public final class PackageNames {
    /** The longest name or version accepted. */
    public static final int MAX_LENGTH = 255;

    /** The rule in words, for messages. */
    public static final String RULE = "a package name is ASCII letters, digits and . _ + -, starts with a letter, "
            + "digit or _, has no '..' and at most " + MAX_LENGTH + " characters (RPM's Name rule)";

    /** The version rule in words, for messages. */
    public static final String VERSION_RULE = "a version is ASCII letters, digits and . _ + ~ ^ - :, starts with a "
            + "letter or digit and has at most " + MAX_LENGTH + " characters (RPM's EVR rule)";

    private PackageNames() {
    }

    /**
     * Tells whether a text is an acceptable package name, e.g. {@code openssl}, {@code gcc-c++},
     * {@code python3.11-libs}; never {@code kernel*}, {@code openssl=1.0.2k}, {@code -y} or {@code ..}.
     *
     * @param name the name, not null
     * @return true if the name follows the rule of this class
     */
    public static boolean isValidName(String name) {
        Objects.requireNonNull(name, "name");
        int n = name.length();
        if (n == 0 || n > MAX_LENGTH || name.contains("..")) {
            return false;
        }
        char first = name.charAt(0);
        if (!alnum(first) && first != '_') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = name.charAt(i);
            if (!alnum(c) && c != '.' && c != '_' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a text is an acceptable version to pin, e.g. {@code 1:1.0.2k-26.el7_9}.
     *
     * @param version the version, not null
     * @return true if the version follows the rule of this class
     */
    public static boolean isValidVersion(String version) {
        Objects.requireNonNull(version, "version");
        int n = version.length();
        if (n == 0 || n > MAX_LENGTH || !alnum(version.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = version.charAt(i);
            if (!alnum(c) && "._+~^-:".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
