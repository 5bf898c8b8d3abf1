/* Runtime for LLVM's Wasm setjmp/longjmp lowering (-mllvm -wasm-enable-sjlj).
 * The compiler emits calls to these three functions; their ABI is fixed by
 * LLVM (the same one wasi-libc's rt.c implements). longjmp becomes a throw of
 * the tag __c_longjmp (defined in c_longjmp_tag.s) carrying {env, val}. */
#include <stdint.h>
#include <stddef.h>

struct kobako_jmp_state {
  void *func_invocation_id;
  uint32_t label;
  struct kobako_longjmp_arg {
    void *env;
    int val;
  } arg;
};

_Static_assert(sizeof(struct kobako_jmp_state) <= 24, "jmp_buf too small");

void __wasm_setjmp(void *env, uint32_t label, void *func_invocation_id) {
  struct kobako_jmp_state *state = env;
  if (label == 0 || func_invocation_id == NULL) __builtin_trap();
  state->func_invocation_id = func_invocation_id;
  state->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *func_invocation_id) {
  struct kobako_jmp_state *state = env;
  if (state->func_invocation_id == func_invocation_id) return state->label;
  return 0;
}

void __wasm_longjmp(void *env, int val) {
  struct kobako_jmp_state *state = env;
  state->arg.env = env;
  state->arg.val = val == 0 ? 1 : val;
  __builtin_wasm_throw(1, &state->arg);
}
