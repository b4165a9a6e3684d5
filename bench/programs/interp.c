/* A switch-dispatched interpreter loop: a small stack machine (the shape of a bytecode VM's main
 * loop, which compiles to a br_table) runs a program that counts the primes below n by trial
 * division, then sums the Collatz sequence lengths of the numbers below n / 8. */
#include "bench.h"

enum op {
  PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, REM, AND, SHR, LT, LE, EQ,
  JUMP, JUMP_IF_ZERO, JUMP_IF_NONZERO, DUP, DROP, HALT,
  LABEL   /* assembler pseudo-op: defines a label, emits nothing */
};

/* locals: 0 = n, 1 = candidate, 2 = divisor, 3 = primes found, 4 = start, 5 = x, 6 = steps */
enum label { NEXT_CANDIDATE, TRY_DIVISOR, IS_PRIME, NOT_PRIME, PRIMES_DONE,
             NEXT_START, STEP, ODD_DONE, EVEN, START_DONE, END, LABELS };

static const int32_t source[] = {
  PUSH, 2, STORE, 1, PUSH, 0, STORE, 3,
  LABEL, NEXT_CANDIDATE,
  LOAD, 1, LOAD, 0, LT, JUMP_IF_ZERO, PRIMES_DONE,
  PUSH, 2, STORE, 2,
  LABEL, TRY_DIVISOR,
  LOAD, 2, DUP, MUL, LOAD, 1, LE, JUMP_IF_ZERO, IS_PRIME,
  LOAD, 1, LOAD, 2, REM, JUMP_IF_ZERO, NOT_PRIME,
  LOAD, 2, PUSH, 1, ADD, STORE, 2, JUMP, TRY_DIVISOR,
  LABEL, IS_PRIME,
  LOAD, 3, PUSH, 1, ADD, STORE, 3,
  LABEL, NOT_PRIME,
  LOAD, 1, PUSH, 1, ADD, STORE, 1, JUMP, NEXT_CANDIDATE,
  LABEL, PRIMES_DONE,
  PUSH, 1, STORE, 4, PUSH, 0, STORE, 6,
  LABEL, NEXT_START,
  LOAD, 4, LOAD, 0, PUSH, 8, DIV, LT, JUMP_IF_ZERO, END,
  LOAD, 4, STORE, 5,
  LABEL, STEP,
  LOAD, 5, PUSH, 1, EQ, JUMP_IF_NONZERO, START_DONE,
  LOAD, 5, PUSH, 1, AND, JUMP_IF_ZERO, EVEN,
  LOAD, 5, PUSH, 3, MUL, PUSH, 1, ADD, STORE, 5, JUMP, ODD_DONE,
  LABEL, EVEN,
  LOAD, 5, PUSH, 1, SHR, STORE, 5,
  LABEL, ODD_DONE,
  LOAD, 6, PUSH, 1, ADD, STORE, 6, JUMP, STEP,
  LABEL, START_DONE,
  LOAD, 4, PUSH, 1, ADD, STORE, 4, JUMP, NEXT_START,
  LABEL, END,
  HALT,
};

#define SOURCE_LENGTH (sizeof source / sizeof source[0])

static int32_t code[SOURCE_LENGTH];

static int has_operand(int32_t op) {
  return op == PUSH || op == LOAD || op == STORE || op == JUMP || op == JUMP_IF_ZERO ||
         op == JUMP_IF_NONZERO || op == LABEL;
}

static int is_jump(int32_t op) {
  return op == JUMP || op == JUMP_IF_ZERO || op == JUMP_IF_NONZERO;
}

/* two passes: place labels, then emit with jump operands resolved to code offsets */
static void assemble(void) {
  int32_t labels[LABELS];
  int32_t at = 0;
  for (uint32_t i = 0; i < SOURCE_LENGTH; i += 1 + has_operand(source[i])) {
    if (source[i] == LABEL) labels[source[i + 1]] = at;
    else at += 1 + has_operand(source[i]);
  }
  at = 0;
  for (uint32_t i = 0; i < SOURCE_LENGTH; i += 1 + has_operand(source[i])) {
    if (source[i] == LABEL) continue;
    code[at++] = source[i];
    if (has_operand(source[i])) code[at++] = is_jump(source[i]) ? labels[source[i + 1]] : source[i + 1];
  }
}

static void execute(const int32_t *pc, int32_t *locals) {
  int32_t stack[16];
  int32_t *sp = stack;   /* points past the top */
  const int32_t *start = pc;
  for (;;) {
    switch (*pc++) {
      case PUSH: *sp++ = *pc++; break;
      case LOAD: *sp++ = locals[*pc++]; break;
      case STORE: locals[*pc++] = *--sp; break;
      case ADD: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] + (uint32_t)sp[0]); break;
      case SUB: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] - (uint32_t)sp[0]); break;
      case MUL: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] * (uint32_t)sp[0]); break;
      case DIV: sp--; sp[-1] = sp[0] ? sp[-1] / sp[0] : 0; break;
      case REM: sp--; sp[-1] = sp[0] ? sp[-1] % sp[0] : 0; break;
      case AND: sp--; sp[-1] &= sp[0]; break;
      case SHR: sp--; sp[-1] = (int32_t)((uint32_t)sp[-1] >> (sp[0] & 31)); break;
      case LT: sp--; sp[-1] = sp[-1] < sp[0]; break;
      case LE: sp--; sp[-1] = sp[-1] <= sp[0]; break;
      case EQ: sp--; sp[-1] = sp[-1] == sp[0]; break;
      case JUMP: pc = start + *pc; break;
      case JUMP_IF_ZERO: pc = *--sp == 0 ? start + *pc : pc + 1; break;
      case JUMP_IF_NONZERO: pc = *--sp != 0 ? start + *pc : pc + 1; break;
      case DUP: sp[0] = sp[-1]; sp++; break;
      case DROP: sp--; break;
      case HALT: return;
      default: return;
    }
  }
}

uint32_t run(uint32_t n) {
  assemble();
  int32_t locals[8] = {(int32_t)n};
  execute(code, locals);
  return fold(fold(FOLD_INIT, (uint32_t)locals[3]), (uint32_t)locals[6]);
}
