package io.patchwindow.core.collect;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list whose iterators are {@link Serializable} too. {@code List.copyOf(..)} and
 * {@code ArrayList} are serializable, but their iterators ({@code ImmutableCollections$ListItr},
 * {@code ArrayList$Itr}) are not, so a Groovy {@code for (d in plan.deployments()) { sh ... }} loop in a
 * Jenkins pipeline fails with {@code NotSerializableException} when the CPS interpreter saves the program at
 * the step. The iterators of this list are a position in the list, and serialize with it.
 *
 * <p>Equal to any {@link List} with the same elements in the same order (the {@link List} contract); nulls
 * are refused, as by {@link List#copyOf(Collection)}.
 *
 * <pre>{@code
 * List<String> names = CpsSafeList.copyOf(List.of("pw-a", "pw-b"));
 * }</pre>
 *
 * @param <E> the element type
 */
public final class CpsSafeList<E> extends AbstractList<E> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;

    /** The elements; never modified after construction. */
    private final Object[] elements;

    private CpsSafeList(Object[] elements) {
        this.elements = elements;
    }

    /**
     * Copies a collection, in its iteration order.
     *
     * @param <E> the element type
     * @param elements the elements, not null, with no null element
     * @return an unmodifiable copy (the same list if {@code elements} is already a {@code CpsSafeList}), not null
     * @throws NullPointerException if {@code elements} or one of its elements is null
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> copyOf(Collection<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        if (elements instanceof CpsSafeList<?>) {
            return (List<E>) elements;
        }
        Object[] copy = elements.toArray();
        for (Object e : copy) {
            Objects.requireNonNull(e, "element");
        }
        return new CpsSafeList<>(copy);
    }

    /**
     * Returns the element at a position.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the element, not null
     * @throws IndexOutOfBoundsException if out of range
     */
    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        return (E) elements[Objects.checkIndex(index, elements.length)];
    }

    /**
     * Returns the number of elements.
     *
     * @return the size
     */
    @Override
    public int size() {
        return elements.length;
    }

    /**
     * Returns a serializable iterator over the elements.
     *
     * @return the iterator, not null
     */
    @Override
    public Iterator<E> iterator() {
        return new Cursor<>(this, 0);
    }

    /**
     * Returns a serializable list iterator from the first element.
     *
     * @return the iterator, not null
     */
    @Override
    public ListIterator<E> listIterator() {
        return new Cursor<>(this, 0);
    }

    /**
     * Returns a serializable list iterator from a position.
     *
     * @param index from 0 to {@code size()}
     * @return the iterator, not null
     * @throws IndexOutOfBoundsException if out of range
     */
    @Override
    public ListIterator<E> listIterator(int index) {
        return new Cursor<>(this, Objects.checkIndex(index, elements.length + 1));
    }

    /** A position in the list; read-only. */
    private static final class Cursor<E> implements ListIterator<E>, Serializable {
        private static final long serialVersionUID = 1L;
        private final CpsSafeList<E> list;
        private int next;

        Cursor(CpsSafeList<E> list, int next) {
            this.list = list;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return next < list.size();
        }

        @Override
        public E next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return list.get(next++);
        }

        @Override
        public boolean hasPrevious() {
            return next > 0;
        }

        @Override
        public E previous() {
            if (!hasPrevious()) {
                throw new NoSuchElementException();
            }
            return list.get(--next);
        }

        @Override
        public int nextIndex() {
            return next;
        }

        @Override
        public int previousIndex() {
            return next - 1;
        }

        @Override
        public void remove() {
            throw new UnsupportedOperationException("unmodifiable list");
        }

        @Override
        public void set(E e) {
            throw new UnsupportedOperationException("unmodifiable list");
        }

        @Override
        public void add(E e) {
            throw new UnsupportedOperationException("unmodifiable list");
        }
    }
}
