/* setjmp/longjmp for wasm32-wasip1 via LLVM's Wasm SjLj lowering.
 * Debian's wasi-libc ships no setjmp.h; clang rewrites calls to these two
 * functions into exception-handling code that calls the runtime in
 * wasm/c/sjlj.c. The buffer only has to hold that runtime's state. */
#ifndef KOBAKO_SETJMP_H
#define KOBAKO_SETJMP_H

typedef struct { unsigned long long kobako_space[3]; } jmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

#define _setjmp setjmp
#define _longjmp longjmp

#endif
