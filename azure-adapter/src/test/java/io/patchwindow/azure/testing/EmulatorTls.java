package io.patchwindow.azure.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made once per JVM with the JDK's {@code keytool} in a
 * temporary folder (the JDK has no public API to sign a certificate). The SDK's bearer-token policy
 * refuses plain HTTP, so the emulator speaks HTTPS and the test HTTP client trusts exactly this
 * certificate (not every certificate).
 */
final class EmulatorTls {
    private static EmulatorTls instance;

    private final SSLContext serverContext;
    private final X509Certificate certificate;

    private EmulatorTls(SSLContext serverContext, X509Certificate certificate) {
        this.serverContext = serverContext;
        this.certificate = certificate;
    }

    static synchronized EmulatorTls get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    SSLContext serverContext() {
        return serverContext;
    }

    X509Certificate certificate() {
        return certificate;
    }

    private static EmulatorTls create() {
        try {
            Path dir = Files.createTempDirectory("pw-emulator-tls");
            Path store = dir.resolve("emulator.p12");
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            char[] password = HexFormat.of().formatHex(random).toCharArray();
            String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "emulator",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(password), "-keypass", new String(password)))
                    .redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(out));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            X509Certificate cert = (X509Certificate) ks.getCertificate("emulator");
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
            return new EmulatorTls(ctx, cert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
