package dev.wasmj.cli;

/** Entry point of the {@code wasmj} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("wasmj");
    }
}
