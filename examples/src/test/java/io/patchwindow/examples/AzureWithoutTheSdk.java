package io.patchwindow.examples;

import com.azure.core.credential.TokenCredential;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;

import io.patchwindow.azure.embed.Patchwindow;

import reactor.core.publisher.Mono;

/**
 * Run by {@link ConsumerDependenciesTest} on a plain consumer's class path (no optional Azure SDK library):
 * asks for Azure and prints the first line of what it gets, or {@code no error}.
 */
public final class AzureWithoutTheSdk {
    private AzureWithoutTheSdk() {
    }

    public static void main(String[] args) {
        TokenCredential never = request -> Mono.error(new IllegalStateException("no token in this test"));
        try {
            Patchwindow.job().azure(never, new AzureProfile(AzureEnvironment.AZURE));
            System.out.println("no error");
        } catch (RuntimeException | LinkageError e) {
            System.out.println(e.getClass().getName() + ": " + e.getMessage());
        }
    }
}
