package io.patchwindow.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class Sha256Test {

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    @Test
    void digest_ofTheFips180Examples_isTheirPublishedValue() {
        assertThat(hex(Sha256.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                .getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    /** Property (seeded): every length around the block and padding boundaries, random bytes. */
    @Test
    void digest_ofAnyMessage_isThePlatformDigest() throws Exception {
        MessageDigest platform = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(20261127);
        for (int length = 0; length <= 300; length++) {
            for (int k = 0; k < 5; k++) {
                byte[] message = new byte[length];
                for (int i = 0; i < length; i++) {
                    message[i] = (byte) random.nextInt(256);
                }
                assertThat(Sha256.digest(message)).as("length %d case %d", length, k)
                        .isEqualTo(platform.digest(message));
            }
        }
    }
}
