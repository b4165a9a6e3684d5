package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcAndExceptionsTest {
    private final Engine engine = new Engine();
    private final Store<Void> store = new Store<>(engine);

    @Test
    void gcValuesCrossTheBoundaryAsAnyRefs() {
        Instance i = Instance.of(store, Module.fromWat(engine, """
                (module
                  (type $point (struct (field i32) (field i32)))
                  (func (export "make") (param i32 i32) (result (ref $point)) (struct.new $point (local.get 0) (local.get 1)))
                  (func (export "x") (param (ref $point)) (result i32) (struct.get $point 0 (local.get 0)))
                  (func (export "i31") (param i31ref) (result i32) (i31.get_s (local.get 0)))
                  (func (export "arr") (result anyref) (array.new_default $a (i32.const 3)))
                  (type $a (array i8))
                  (func (export "out") (param anyref) (result externref) (extern.convert_any (local.get 0)))
                  (func (export "in") (param externref) (result anyref) (any.convert_extern (local.get 0))))
                """));
        Val point = i.func("make").call(Val.i32(3), Val.i32(4))[0];
        assertThat(point).isInstanceOfSatisfying(Val.AnyRef.class, a -> assertThat(a.value().isStruct()).isTrue());
        assertThat(i.func("x").call(point)).containsExactly(Val.i32(3));
        assertThat(i.func("i31").call(Val.anyref(AnyRef.i31(-5)))).containsExactly(Val.i32(-5));
        assertThatThrownBy(() -> i.func("x").call(Val.anyref(AnyRef.i31(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong type");
        assertThat(i.func("arr").call()[0]).isInstanceOfSatisfying(Val.AnyRef.class,
                a -> assertThat(a.value().isArray()).isTrue());
        Val externalized = i.func("out").call(point)[0];
        assertThat(externalized).isEqualTo(Val.externref(((Val.AnyRef) point).value()));
        assertThat(i.func("in").call(externalized)).containsExactly(point);
        assertThat(i.func("in").call(Val.externref("host"))).containsExactly(Val.anyref(AnyRef.fromExtern("host")));
    }

    @Test
    void uncaughtExceptionsCarryTheirTagAndPayload() {
        Instance i = Instance.of(store, Module.fromWat(engine, """
                (module
                  (tag $e (export "e") (param i32 f64))
                  (func (export "throw") (throw $e (i32.const 7) (f64.const 2.5))))
                """));
        WasmException e = catchThrowableOfType(WasmException.class, () -> i.func("throw").call());
        ExnRef exn = ExnRef.of(store, e);
        assertThat(exn.tag()).isEqualTo(i.tag("e"));
        assertThat(exn.payload()).containsExactly(Val.i32(7), Val.f64(2.5));
        assertThat(i.func("throw").type()).isEqualTo(FuncType.of(List.of(), List.of()));
    }

    @Test
    void hostFunctionsThrowExceptionsIntoTheirCaller() {
        Tag tag = Tag.of(store, TagType.of(List.of(ValType.I32)));
        Func fail = Func.of(store, FuncType.of(List.of(), List.of()), (caller, args) -> {
            throw ExnRef.create(caller.store(), tag, Val.i32(42)).toException();
        });
        Instance i = Instance.of(store, Module.fromWat(engine, """
                (module
                  (import "env" "tag" (tag $t (param i32)))
                  (import "env" "fail" (func $fail))
                  (func (export "catch") (result i32)
                    (block $h (result i32)
                      (try_table (catch $t $h) (call $fail))
                      (i32.const -1))))
                """), tag, fail);
        assertThat(i.func("catch").call()).containsExactly(Val.i32(42));
        assertThatThrownBy(() -> ExnRef.create(store, tag, Val.i64(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
