package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Trap;
import org.junit.jupiter.api.Test;

class ValueHandleTableTest {
    private final ValueHandleTable table = new ValueHandleTable();

    @Test
    void handlesMapToRawValuesAndFreedOnesAreReused() {
        int a = table.insert(0x1000);
        int b = table.insert(0x2000);
        assertThat(a).isNotEqualTo(b);
        assertThat(table.get(a)).isEqualTo(0x1000);
        assertThat(table.get(b)).isEqualTo(0x2000);

        assertThat(table.remove(a)).isEqualTo(0x1000);
        int c = table.insert(0x3000);
        assertThat(c).isEqualTo(a);
        assertThat(table.get(c)).isEqualTo(0x3000);
        assertThat(table.inUse()).isEqualTo(2);
    }

    @Test
    void growsBeyondItsInitialSize() {
        for (int i = 0; i < 1000; i++) {
            assertThat(table.insert(i * 8)).isEqualTo(i);
        }
        assertThat(table.get(999)).isEqualTo(999 * 8);
        assertThat(table.inUse()).isEqualTo(1000);
    }

    @Test
    void aHandleNotInUseTraps() {
        int a = table.insert(8);
        table.remove(a);

        assertThatThrownBy(() -> table.get(a)).isInstanceOf(Trap.class).hasMessageContaining("handle " + a);
        assertThatThrownBy(() -> table.get(-1)).isInstanceOf(Trap.class);
        assertThatThrownBy(() -> table.get(77)).isInstanceOf(Trap.class);
        assertThatThrownBy(() -> table.remove(a)).isInstanceOf(Trap.class);
    }
}
