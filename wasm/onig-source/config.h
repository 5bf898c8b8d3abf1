/* Oniguruma's build configuration for the kobako guest (wasm32-wasip1 with
 * Debian's wasi-libc), written for kobako instead of running Oniguruma's
 * configure. wasm/build.rb puts this directory first on the include path
 * when it compiles the Oniguruma sources (regenc.h includes "config.h"). */
#ifndef KOBAKO_ONIG_CONFIG_H
#define KOBAKO_ONIG_CONFIG_H

/* wasi-libc has these headers. */
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_TIME_H 1
/* alloca is clang's builtin; wasi-libc's <alloca.h> maps it. */
#define HAVE_ALLOCA 1
#define HAVE_ALLOCA_H 1

/* wasm32: 32-bit int, long and pointers, 64-bit long long. */
#define SIZEOF_INT 4
#define SIZEOF_LONG 4
#define SIZEOF_LONG_LONG 8
#define SIZEOF_VOIDP 4

#define PACKAGE "onig"
#define PACKAGE_VERSION "6.9.9"
#define VERSION "6.9.9"

#endif
