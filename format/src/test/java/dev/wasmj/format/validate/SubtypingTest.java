package dev.wasmj.format.validate;

import dev.wasmj.format.FieldType;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.ValType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.wasmj.format.ValType.ref;
import static org.assertj.core.api.Assertions.assertThat;

class SubtypingTest {
    private static TypeContext types;
    private static Subtyping sub;
    private static int a;
    private static int b;
    private static int f;

    @BeforeAll
    static void setUp() {
        ModuleBuilder mb = new ModuleBuilder();
        a = mb.rec(new SubType(false, new int[0], new StructType(List.of()), -1, -1));
        b = mb.rec(new SubType(false, new int[] {a},
                new StructType(List.of(new FieldType(ValType.I32, false))), -1, -1));
        f = mb.type(new FuncType(new int[] {ValType.I32}, new int[0]));
        types = Validator.validate(mb.build(), Features.ALL, new TypeRegistry()).types();
        sub = types.subtyping();
    }

    private static int concrete(boolean nullable, int typeIndex) {
        return ref(nullable, types.id(typeIndex));
    }

    private static int exact(boolean nullable, int typeIndex) {
        return ref(nullable, HeapType.EXACT | types.id(typeIndex));
    }

    @Test
    void abstractHeapTypesFormThreeHierarchiesAndExn() {
        assertThat(sub.isSubtype(ValType.I31REF, ValType.EQREF)).isTrue();
        assertThat(sub.isSubtype(ValType.EQREF, ValType.ANYREF)).isTrue();
        assertThat(sub.isSubtype(ValType.STRUCTREF, ValType.EQREF)).isTrue();
        assertThat(sub.isSubtype(ValType.ARRAYREF, ValType.STRUCTREF)).isFalse();
        assertThat(sub.isSubtype(ValType.NULLREF, ValType.I31REF)).isTrue();
        assertThat(sub.isSubtype(ValType.NULLREF, ValType.FUNCREF)).isFalse();
        assertThat(sub.isSubtype(ValType.NULLFUNCREF, ValType.FUNCREF)).isTrue();
        assertThat(sub.isSubtype(ValType.NULLEXTERNREF, ValType.EXTERNREF)).isTrue();
        assertThat(sub.isSubtype(ValType.EXTERNREF, ValType.ANYREF)).isFalse();
        assertThat(sub.isSubtype(ValType.NULLEXNREF, ValType.EXNREF)).isTrue();
        assertThat(sub.isSubtype(ValType.ANYREF, ValType.EQREF)).isFalse();
    }

    @Test
    void nullabilityAndNumbers() {
        assertThat(sub.isSubtype(ref(false, HeapType.ANY), ValType.ANYREF)).isTrue();
        assertThat(sub.isSubtype(ValType.ANYREF, ref(false, HeapType.ANY))).isFalse();
        assertThat(sub.isSubtype(ValType.I32, ValType.I32)).isTrue();
        assertThat(sub.isSubtype(ValType.I32, ValType.I64)).isFalse();
        assertThat(sub.isSubtype(ValType.I32, ValType.ANYREF)).isFalse();
    }

    @Test
    void bottomMatchesEverything() {
        assertThat(sub.isSubtype(Subtyping.BOTTOM, ValType.V128)).isTrue();
        assertThat(sub.isSubtype(ref(false, Subtyping.BOTTOM_HEAP), concrete(false, b))).isTrue();
        assertThat(sub.isSubtype(ValType.I32, Subtyping.BOTTOM)).isFalse();
    }

    @Test
    void declaredSupertypesAndAbstractSupertypes() {
        assertThat(sub.isSubtype(concrete(false, b), concrete(true, a))).isTrue();
        assertThat(sub.isSubtype(concrete(false, a), concrete(false, b))).isFalse();
        assertThat(sub.isSubtype(concrete(false, b), ValType.STRUCTREF)).isTrue();
        assertThat(sub.isSubtype(concrete(false, b), ValType.ARRAYREF)).isFalse();
        assertThat(sub.isSubtype(concrete(false, f), ValType.FUNCREF)).isTrue();
        assertThat(sub.isSubtype(concrete(false, f), ValType.ANYREF)).isFalse();
        assertThat(sub.isSubtype(ValType.NULLREF, concrete(true, a))).isTrue();
        assertThat(sub.isSubtype(ValType.NULLREF, concrete(true, f))).isFalse();
        assertThat(sub.isSubtype(ValType.NULLFUNCREF, concrete(true, f))).isTrue();
        assertThat(sub.isSubtype(ValType.STRUCTREF, concrete(true, a))).isFalse();
    }

    @Test
    void exactTypesHaveNoProperSubtypesButBottom() {
        assertThat(sub.isSubtype(exact(false, b), concrete(false, a))).isTrue();
        assertThat(sub.isSubtype(exact(false, b), exact(false, b))).isTrue();
        assertThat(sub.isSubtype(exact(false, b), exact(false, a))).isFalse();
        assertThat(sub.isSubtype(concrete(false, b), exact(false, b))).isFalse();
        assertThat(sub.isSubtype(ref(false, HeapType.NONE), exact(false, a))).isTrue();
        assertThat(sub.isSubtype(ref(false, HeapType.NOFUNC), exact(false, f))).isTrue();
    }

    @Test
    void topAndBottomOfHierarchies() {
        assertThat(sub.top(types.id(b))).isEqualTo(HeapType.ANY);
        assertThat(sub.top(types.id(f))).isEqualTo(HeapType.FUNC);
        assertThat(sub.top(HeapType.NOEXTERN)).isEqualTo(HeapType.EXTERN);
        assertThat(sub.bottom(HeapType.I31)).isEqualTo(HeapType.NONE);
        assertThat(sub.bottom(types.id(f))).isEqualTo(HeapType.NOFUNC);
        assertThat(sub.bottom(HeapType.EXN)).isEqualTo(HeapType.NOEXN);
    }

    @Test
    void functionTypesAreContravariantInParametersAndCovariantInResults() {
        FuncType takesAny = new FuncType(new int[] {ValType.ANYREF}, new int[] {ValType.I31REF});
        FuncType takesEq = new FuncType(new int[] {ValType.EQREF}, new int[] {ValType.EQREF});
        assertThat(sub.isCompositeSubtype(takesAny, takesEq)).isTrue();
        assertThat(sub.isCompositeSubtype(takesEq, takesAny)).isFalse();
    }

    @Test
    void mutableFieldsAreInvariantAndStructsHaveWidthSubtyping() {
        StructType immutableEq = new StructType(List.of(new FieldType(ValType.EQREF, false)));
        StructType immutableI31 = new StructType(List.of(new FieldType(ValType.I31REF, false),
                new FieldType(ValType.I8, true)));
        StructType mutableEq = new StructType(List.of(new FieldType(ValType.EQREF, true)));
        StructType mutableI31 = new StructType(List.of(new FieldType(ValType.I31REF, true)));
        assertThat(sub.isCompositeSubtype(immutableI31, immutableEq)).isTrue();
        assertThat(sub.isCompositeSubtype(immutableEq, immutableI31)).isFalse();
        assertThat(sub.isCompositeSubtype(mutableI31, mutableEq)).isFalse();
        assertThat(sub.isCompositeSubtype(mutableEq, mutableEq)).isTrue();
        assertThat(sub.isCompositeSubtype(mutableEq, immutableEq)).isFalse();
    }
}
