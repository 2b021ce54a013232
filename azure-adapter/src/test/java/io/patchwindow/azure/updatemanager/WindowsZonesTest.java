package io.patchwindow.azure.updatemanager;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which zones Update Manager can write (issue 14.6: zones without a Windows name were planned, then failed). */
class WindowsZonesTest {

    @Test
    void hasWindowsName_refusesZonesCldrDoesNotMap_andAcceptsTheUsualOnes() {
        assertThat(WindowsZones.hasWindowsName(ZoneId.of("Antarctica/Troll"))).isFalse();
        assertThat(WindowsZones.hasWindowsName(ZoneId.of("+01:00"))).isFalse();
        assertThat(WindowsZones.hasWindowsName(ZoneId.of("Europe/Paris"))).isTrue();
        assertThat(WindowsZones.hasWindowsName(ZoneId.of("UTC"))).isTrue();
        assertThat(WindowsZones.hasWindowsName(ZoneId.of("America/New_York"))).isTrue();
    }

    @Test
    void everyAvailableZone_eitherHasAWindowsNameThatMapsBack_orIsRefused() {
        List<String> refused = new ArrayList<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            if (WindowsZones.hasWindowsName(zone)) {
                assertThat(WindowsZones.ianaZone(WindowsZones.windowsName(zone))).as(id).isNotNull();
            } else {
                refused.add(id);
            }
        }
        assertThat(refused).contains("Antarctica/Troll").allMatch(id -> !id.equals("Europe/Paris"));
        ZoneId.getAvailableZoneIds().stream().filter(id -> id.startsWith("SystemV/"))
                .forEach(id -> assertThat(refused).as("SystemV zones have no Windows name").contains(id));
    }
}
