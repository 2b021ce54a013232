package io.patchwindow.core.inventory;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * What the platform says about a machine's operating system. Every field may be absent.
 *
 * <p>Azure VMs: {@code storageProfile.imageReference} ({@code publisher}, {@code offer}, {@code sku}, or
 * {@code id} for a custom image) and {@code instanceView.osName}. Arc servers: {@code osName},
 * {@code osSku}, {@code osType}.
 *
 * @serial exclude
 * @param imagePublisher marketplace image publisher, e.g. {@code OpenLogic}
 * @param imageOffer marketplace image offer, e.g. {@code CentOS}
 * @param imageSku marketplace image SKU, e.g. {@code 7_9}
 * @param imageId custom or gallery image resource id
 * @param osName operating system name reported by the guest agent
 * @param osSku operating system SKU (Arc), e.g. {@code CentOS Linux 7 (Core)}
 * @param osType {@code Linux} or {@code Windows}
 */
public record OsFacts(@Nullable String imagePublisher, @Nullable String imageOffer, @Nullable String imageSku,
                      @Nullable String imageId, @Nullable String osName, @Nullable String osSku,
                      @Nullable String osType) implements Serializable {

    /** No facts at all. */
    public static final OsFacts NONE = new OsFacts(null, null, null, null, null, null, null);

    /**
     * Returns facts of a marketplace image.
     *
     * @param publisher the publisher, e.g. {@code OpenLogic}
     * @param offer the offer, e.g. {@code CentOS}
     * @param sku the SKU, e.g. {@code 7_9}
     * @return the facts, not null
     */
    public static OsFacts marketplace(String publisher, String offer, String sku) {
        return new OsFacts(publisher, offer, sku, null, null, null, "Linux");
    }

    /**
     * Returns whether no field carries text.
     *
     * @return true if nothing is known
     */
    public boolean isEmpty() {
        return blank(imagePublisher) && blank(imageOffer) && blank(imageSku) && blank(imageId) && blank(osName)
                && blank(osSku);
    }

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
