package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingInvalidationsTest {
    @Test
    void add_repeatsAndOrder_keepsEachPatternOnceInOrder() {
        PendingInvalidations q = new PendingInvalidations(10);

        q.add("bars:A:*");
        q.add("latest:1h:*");
        q.add("bars:A:*");

        assertThat(q.snapshot()).containsExactly("bars:A:*", "latest:1h:*");
    }

    @Test
    void add_pastTheLimit_collapsesIntoDropEverything() {
        PendingInvalidations q = new PendingInvalidations(2);

        q.add("a");
        q.add("b");
        q.add("c");
        q.add("d");

        assertThat(q.snapshot()).containsExactly("*");
        q.remove("*");
        assertThat(q.size()).isZero();
    }
}
