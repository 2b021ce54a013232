package io.patchwindow.core.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;

import org.junit.jupiter.api.Test;

class CpsSafeListTest {

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    // Reported: iterating plan.deployments() across a pipeline step failed on ImmutableCollections$ListItr.
    @Test
    void jdkListIterators_areNotSerializable_whichIsWhyThisListExists() {
        assertThatThrownBy(() -> roundTrip(List.of("a").iterator())).isInstanceOf(NotSerializableException.class);
        assertThatThrownBy(() -> roundTrip(new ArrayList<>(List.of("a")).iterator()))
                .isInstanceOf(NotSerializableException.class);
    }

    @Test
    void iterator_survivesSerializationMidWay_andGoesOnWhereItStopped() throws Exception {
        Iterator<String> it = CpsSafeList.copyOf(List.of("a", "b", "c")).iterator();
        assertThat(it.next()).isEqualTo("a");
        Iterator<String> resumed = roundTrip(it);
        List<String> rest = new ArrayList<>();
        resumed.forEachRemaining(rest::add);
        assertThat(rest).containsExactly("b", "c");
        assertThat(resumed.hasNext()).isFalse();
    }

    @Test
    void listIterator_fromAPosition_walksBothWays_andSerializes() throws Exception {
        ListIterator<String> it = roundTrip(CpsSafeList.copyOf(List.of("a", "b", "c")).listIterator(2));
        assertThat(it.nextIndex()).isEqualTo(2);
        assertThat(it.previous()).isEqualTo("b");
        assertThat(it.previous()).isEqualTo("a");
        assertThat(it.hasPrevious()).isFalse();
        assertThatThrownBy(it::previous).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> CpsSafeList.copyOf(List.of("a")).listIterator(2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void isAnUnmodifiableCopy_equalToOtherLists() throws Exception {
        List<String> source = new ArrayList<>(List.of("x", "y"));
        List<String> copy = CpsSafeList.copyOf(source);
        source.add("z");
        assertThat(copy).isEqualTo(List.of("x", "y")).hasSameHashCodeAs(List.of("x", "y"));
        assertThat(roundTrip(copy)).isEqualTo(copy);
        assertThat(CpsSafeList.copyOf(copy)).isSameAs(copy);
        assertThatThrownBy(() -> copy.add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
        Iterator<String> it = copy.iterator();
        it.next();
        assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyOf_refusesNulls() {
        assertThatThrownBy(() -> CpsSafeList.copyOf(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    }
}
