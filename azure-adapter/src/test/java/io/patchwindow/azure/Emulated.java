package io.patchwindow.azure;

import java.time.Duration;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;

import io.patchwindow.azure.testing.AzureEmulator;

/** Test helpers: an adapter pointed at an emulator, with short retry delays. */
public final class Emulated {
    public static final String TOKEN = "pw-test-token-7f3a9c";

    private Emulated() {
    }

    public static RetryOptions fastRetries() {
        return new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(20)));
    }

    public static PatchwindowAzure.Configurable configure(AzureEmulator azure) {
        return PatchwindowAzure.configure()
                .withHttpClient(azure.httpClient())
                .withRetryOptions(fastRetries())
                .withLogAnalyticsEndpoint(azure.logAnalyticsEndpoint());
    }

    public static PatchwindowAzure connect(AzureEmulator azure) {
        return configure(azure).authenticate(AzureEmulator.credential(TOKEN), azure.profile());
    }
}
