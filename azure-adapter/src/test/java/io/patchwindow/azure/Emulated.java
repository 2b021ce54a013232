package io.patchwindow.azure;

import java.time.Duration;

import io.patchwindow.azure.testing.AzureEmulator;
import io.patchwindow.azure.testing.EmulatorFixture;

/** Test helpers: an adapter pointed at an emulator, with short retry delays ({@link EmulatorFixture#configure}). */
public final class Emulated {
    public static final String TOKEN = "pw-test-token-7f3a9c";

    private Emulated() {
    }

    public static PatchwindowAzure.Configurable configure(AzureEmulator azure) {
        return EmulatorFixture.configure(azure, 3, Duration.ofMillis(20));
    }

    public static PatchwindowAzure connect(AzureEmulator azure) {
        return configure(azure).authenticate(AzureEmulator.credential(TOKEN), azure.profile());
    }
}
