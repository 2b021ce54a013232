package io.patchwindow.azure.testing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLException;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Connecting to an {@link AzureEmulator} that runs in another JVM, so that a benchmark measures the adapter's
 * CPU time and heap apart from the emulator's (its data and its evaluation of queries). The emulator's JVM
 * gives its endpoint and {@link #certificate()}; the adapter's JVM builds the client and the profile from
 * them, as {@link AzureEmulator#httpClient()} and {@link AzureEmulator#profile()} do in one JVM.
 */
public final class RemoteEmulator {

    private RemoteEmulator() {
    }

    /**
     * Returns the certificate the emulators of this JVM serve, base64 (DER).
     *
     * @return the certificate, not null
     */
    public static String certificate() {
        try {
            return Base64.getEncoder().encodeToString(EmulatorTls.get().certificate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns an SDK HTTP client (Netty) that trusts exactly one certificate.
     *
     * @param certificate the emulator's certificate as {@link #certificate()} gives it
     * @return the client
     */
    public static HttpClient httpClient(String certificate) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(certificate)));
            SslContext ssl = SslContextBuilder.forClient().trustManager(cert).build();
            reactor.netty.http.client.HttpClient netty = reactor.netty.http.client.HttpClient.create()
                    .secure(spec -> spec.sslContext(ssl));
            return new NettyAsyncHttpClientBuilder(netty).build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns an Azure profile whose environment points every endpoint the adapter uses at an emulator.
     *
     * @param endpoint the emulator's base URL, e.g. {@code https://127.0.0.1:41234}
     * @param subscription the profile's subscription, or null
     * @return the profile (tenant {@link AzureEmulator#TENANT_ID})
     */
    public static AzureProfile profile(String endpoint, String subscription) {
        String base = endpoint + "/";
        Map<String, String> endpoints = new HashMap<>();
        endpoints.put("managementEndpointUrl", base);
        endpoints.put("resourceManagerEndpointUrl", base);
        endpoints.put("activeDirectoryEndpointUrl", base + "aad/");
        endpoints.put("activeDirectoryResourceId", base);
        endpoints.put("azureLogAnalyticsResourceId", base);
        // required by the Compute manager's constructor (never called)
        endpoints.put("microsoftGraphResourceId", base + "graph/");
        endpoints.put("activeDirectoryGraphResourceId", base + "graph/");
        return new AzureProfile(AzureEmulator.TENANT_ID, subscription, new AzureEnvironment(endpoints));
    }
}
