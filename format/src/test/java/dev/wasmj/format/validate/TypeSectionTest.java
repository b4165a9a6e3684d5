package dev.wasmj.format.validate;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeSectionTest {
    private final TypeRegistry registry = new TypeRegistry();

    private TypeContext validate(ModuleBuilder mb) {
        return Validator.validate(mb.build(), Features.ALL, registry).types();
    }

    private void assertInvalid(ModuleBuilder mb, String message) {
        WasmModule m = mb.build();
        assertThatThrownBy(() -> Validator.validate(m, Features.ALL, registry))
                .isInstanceOf(InvalidException.class)
                .extracting(e -> ((InvalidException) e).reason()).asString().startsWith(message);
    }

    private static SubType sub(boolean fin, int[] supers, dev.wasmj.format.CompositeType c) {
        return new SubType(fin, supers, c, -1, -1);
    }

    private static StructType struct(int... fieldTypes) {
        return new StructType(java.util.Arrays.stream(fieldTypes).mapToObj(t -> new FieldType(t, false)).toList());
    }

    private static int ref(int typeIndex) {
        return ValType.ref(true, typeIndex);
    }

    @Test
    void equalFunctionTypesGetOneId() {
        ModuleBuilder mb = new ModuleBuilder();
        int t0 = mb.type(new int[] {ValType.I32}, new int[0]);
        int t1 = mb.type(new int[] {ValType.I64}, new int[0]);
        int t2 = mb.type(new int[] {ValType.I32}, new int[0]);
        TypeContext types = validate(mb);
        assertThat(types.id(t0)).isEqualTo(types.id(t2)).isNotEqualTo(types.id(t1));
    }

    @Test
    void anEmbeddersFunctionTypeIsTheOneAModuleDefines() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.rec(SubType.plain(struct(ValType.I32)));
        int f = mb.type(new int[] {ValType.I32, ref(0)}, new int[] {ValType.F64});
        TypeContext types = validate(mb);
        int closedRef = types.toGlobal(ref(0));
        DefType made = registry.funcType(new int[] {ValType.I32, closedRef}, new int[] {ValType.F64});
        assertThat(made).isSameAs(types.type(f));
        assertThat(registry.funcType(new int[0], new int[0]).id()).isNotEqualTo(made.id());
    }

    @Test
    void recursiveGroupsAreEqualAcrossModulesWhenStructurallyEqual() {
        ModuleBuilder m1 = new ModuleBuilder();
        m1.type(new int[0], new int[0]); // shifts indices: equality must not depend on them
        int list1 = m1.rec(SubType.plain(struct(ValType.I32, ref(1))));
        ModuleBuilder m2 = new ModuleBuilder();
        int list2 = m2.rec(SubType.plain(struct(ValType.I32, ref(0))));
        assertThat(validate(m1).id(list1)).isEqualTo(validate(m2).id(list2));
    }

    @Test
    void positionInTheGroupAndGroupingMatter() {
        ModuleBuilder mb = new ModuleBuilder();
        int pair = mb.rec(SubType.plain(struct(ref(1))), SubType.plain(struct(ValType.I32)));
        int swapped = mb.rec(SubType.plain(struct(ValType.I32)), SubType.plain(struct(ref(2))));
        int alone = mb.type(struct(ValType.I32));
        int samePair = mb.rec(SubType.plain(struct(ref(6))), SubType.plain(struct(ValType.I32)));
        TypeContext types = validate(mb);
        assertThat(types.id(pair + 1)).isNotEqualTo(types.id(swapped));
        assertThat(types.id(swapped)).isNotEqualTo(types.id(alone));
        assertThat(types.id(pair)).isEqualTo(types.id(samePair));
        assertThat(types.id(pair + 1)).isEqualTo(types.id(samePair + 1));
    }

    @Test
    void externalReferencesCompareByCanonicalType() {
        ModuleBuilder mb = new ModuleBuilder();
        int a = mb.type(struct(ValType.I32));
        int a2 = mb.type(struct(ValType.I32));
        int refA = mb.type(new ArrayType(new FieldType(ref(a), true)));
        int refA2 = mb.type(new ArrayType(new FieldType(ref(a2), true)));
        TypeContext types = validate(mb);
        assertThat(types.id(refA)).isEqualTo(types.id(refA2));
        DefType d = types.type(refA);
        assertThat(d.arrayType().element().storageType()).isEqualTo(ValType.ref(true, types.id(a)));
    }

    @Test
    void subtypeDeclarationsAreChecked() {
        ModuleBuilder ok = new ModuleBuilder();
        int base = ok.rec(sub(false, new int[0], struct(ValType.ANYREF)));
        ok.rec(sub(true, new int[] {base}, struct(ValType.I31REF, ValType.I64)));
        TypeContext types = validate(ok);
        assertThat(types.type(1).supertype()).isEqualTo(types.id(0));
        assertThat(types.type(1).depth()).isEqualTo(1);

        ModuleBuilder notMatching = new ModuleBuilder();
        notMatching.rec(sub(false, new int[0], struct(ValType.I32)));
        notMatching.rec(sub(false, new int[] {0}, struct(ValType.I64)));
        assertInvalid(notMatching, "sub type 1 does not match super type 0");

        ModuleBuilder fin = new ModuleBuilder();
        fin.type(new FuncType(new int[0], new int[0]));
        fin.rec(sub(false, new int[] {0}, new FuncType(new int[0], new int[0])));
        assertInvalid(fin, "sub type 1 has final super type 0");

        ModuleBuilder kind = new ModuleBuilder();
        kind.rec(sub(false, new int[0], struct()));
        kind.rec(sub(false, new int[] {0}, new ArrayType(new FieldType(ValType.I32, false))));
        assertInvalid(kind, "sub type");

        ModuleBuilder forward = new ModuleBuilder();
        forward.rec(sub(false, new int[] {1}, struct()), sub(false, new int[0], struct()));
        assertInvalid(forward, "forward use of type 1");

        ModuleBuilder unknown = new ModuleBuilder();
        unknown.type(struct(ref(5)));
        assertInvalid(unknown, "unknown type 5");
    }

    @Test
    void descriptorClausesMustPairUpInsideTheGroup() {
        ModuleBuilder ok = new ModuleBuilder();
        ok.rec(new SubType(true, new int[0], struct(), -1, 1), new SubType(true, new int[0], struct(), 0, -1));
        TypeContext types = validate(ok);
        assertThat(types.type(0).descriptor()).isEqualTo(types.id(1));
        assertThat(types.type(1).describes()).isEqualTo(types.id(0));

        ModuleBuilder outside = new ModuleBuilder();
        outside.type(struct());
        outside.rec(new SubType(true, new int[0], struct(), 0, -1));
        assertInvalid(outside, "described type is outside rec group");

        ModuleBuilder notStruct = new ModuleBuilder();
        notStruct.rec(new SubType(true, new int[0], new ArrayType(new FieldType(ValType.I32, false)), -1, 1),
                new SubType(true, new int[0], struct(), 0, -1));
        assertInvalid(notStruct, "descriptor type must be a struct");

        ModuleBuilder forward = new ModuleBuilder();
        forward.rec(new SubType(true, new int[0], struct(), 1, -1), new SubType(true, new int[0], struct(), -1, 0));
        assertInvalid(forward, "forward use of described type");

        ModuleBuilder mismatch = new ModuleBuilder();
        mismatch.rec(new SubType(true, new int[0], struct(), -1, -1),
                new SubType(true, new int[0], struct(), -1, 2),
                new SubType(true, new int[0], struct(), 0, -1));
        assertInvalid(mismatch, "type is not described by its descriptor");
    }

    @Test
    void aSupertypeWithADescriptorNeedsOneInTheSubtype() {
        ModuleBuilder mb = new ModuleBuilder();
        mb.rec(new SubType(false, new int[0], struct(), -1, 1), new SubType(false, new int[0], struct(), 0, -1),
                new SubType(false, new int[] {0}, struct(), -1, -1));
        assertInvalid(mb, "sub type 2 does not match super type 0");
    }

    @Test
    void aFailedGroupIsCheckedAgainInTheNextModule() {
        for (int i = 0; i < 2; i++) {
            ModuleBuilder mb = new ModuleBuilder();
            mb.rec(sub(false, new int[0], struct(ValType.I32)), sub(false, new int[] {0}, struct(ValType.I64)));
            assertInvalid(mb, "sub type 1 does not match super type 0");
        }
    }

    @Test
    void typeIdsAreSharedInAGlobalRegistry() {
        List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ModuleBuilder mb = new ModuleBuilder();
            mb.type(new int[] {ValType.F64, ValType.F64}, new int[] {ValType.V128});
            ids.add(Validator.validate(mb.build(), Features.ALL).types().id(0));
        }
        assertThat(ids.get(0)).isEqualTo(ids.get(1));
    }
}
