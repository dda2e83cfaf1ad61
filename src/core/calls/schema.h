/*
 * schema.h - the compact type language of typed commands: parser,
 * validator and TypeScript printer.  Self-contained (jansson and libc
 * only), so the CLI compiles the same file to generate .d.ts files.
 *
 *   type    := member ('|' member)*
 *   member  := primary ('[]')*
 *   primary := 'string' | 'bool' | 'null' | 'any' | 'object'
 *            | ('int' | 'number') (('>=' | '>' | '<=' | '<') NUMBER)*
 *            | 'channel' ['<' type '>']
 *            | QUOTED                      a string literal: 'fast' or "fast"
 *            | '{' [field (',' field)*] [',' '...'] [','] '}'
 *            | '(' type ')'
 *   field   := (IDENT | QUOTED) ['?'] ':' type
 *
 * An object rejects fields it does not list unless it ends with '...'.
 */
#ifndef SASH_SCHEMA_H
#define SASH_SCHEMA_H

#include <stddef.h>

#include <jansson.h>

typedef struct sash__schema sash__schema;

/* Parses `text`.  NULL on error, with "column N: what" written to `err`
 * (1-based column; "out of memory" without one). */
sash__schema *sash__schema_parse(const char *text, char *err, size_t err_size);
void sash__schema_free(sash__schema *s);
/* The text it was parsed from (owned by the schema). */
const char *sash__schema_text(const sash__schema *s);
/* 1 if the top level is an object type (what command arguments must be). */
int sash__schema_is_object(const sash__schema *s);

/* Checks `v` (NULL = absent, read as {} for an object type).  0 if it
 * matches; else -1 with "<root>.path: expected T, got V" in `err`. */
int sash__schema_check(const sash__schema *s, const json_t *v,
                       const char *root, char *err, size_t err_size);

/* The TypeScript type of the schema, e.g. "{ name: string; times?: number }".
 * Caller frees; NULL if out of memory. */
char *sash__schema_ts(const sash__schema *s);

#endif
