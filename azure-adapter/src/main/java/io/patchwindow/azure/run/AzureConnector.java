package io.patchwindow.azure.run;

import io.patchwindow.azure.PatchwindowAzure;

/**
 * Connects the command line to Azure: from the {@link AzureOptions} to an authenticated
 * {@link PatchwindowAzure}. The standard connector builds the credential of {@code --credential};
 * tests and embedders pass their own (for example one that points at a local emulator).
 */
@FunctionalInterface
public interface AzureConnector {

    /**
     * Connects.
     *
     * @param options the validated options, not null
     * @return the entry point, not null
     */
    PatchwindowAzure connect(AzureOptions options);

    /**
     * Returns the standard connector: the profile of {@code --cloud}/{@code --arm-endpoint}/{@code --tenant},
     * the credential of {@code --credential}, the Log Analytics endpoint of {@code --log-analytics-endpoint}.
     *
     * @return the connector, not null
     */
    static AzureConnector standard() {
        return options -> {
            var profile = options.profile();
            var credential = options.buildCredential(profile); // an unavailable credential fails before the SDK loads
            PatchwindowAzure.Configurable c = PatchwindowAzure.configure();
            String la = options.logAnalyticsEndpoint();
            if (la != null) {
                c.withLogAnalyticsEndpoint(la);
            }
            return c.authenticate(credential, profile);
        };
    }
}
