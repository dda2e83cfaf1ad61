# cmake -DIN=<file> -DOUT=<out.c> -DSYM=<symbol> -P SashEmbedBinary.cmake
#   Writes <file> as `const unsigned char SYM[]` and `const size_t SYM_len`
#   (Sash's web-process extension, carried inside libsash: gtk_shm.c).
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){24})" "\\1\n" body "${body}")
file(WRITE "${OUT}.tmp" "/* Generated from ${IN}: do not edit. */\n#include <stddef.h>\n"
     "extern const unsigned char ${SYM}[];\nextern const size_t ${SYM}_len;\n"
     "const unsigned char ${SYM}[] = {\n${body}\n};\n"
     "const size_t ${SYM}_len = ${len};\n")
file(RENAME "${OUT}.tmp" "${OUT}")
