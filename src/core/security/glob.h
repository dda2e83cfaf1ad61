/*
 * glob.h - the glob matcher used for window labels, permission names and
 * path scopes.  Pure functions, no allocation, any thread.
 */
#ifndef SASH_GLOB_H
#define SASH_GLOB_H

/* Path mode: the text is split at '/', '*' and '?' never match '/', and a
 * whole segment "**" matches zero or more segments.  Without it the text is
 * a plain string and '*' matches any run of characters ('/' included). */
#define SASH__GLOB_PATH 0x1u

/* Returns 1 if `text` matches `pattern`, 0 otherwise (also for NULL).
 *   *      any run of characters (in path mode: within one segment)
 *   **     as a whole path segment: zero or more segments
 *   ?      one character (one UTF-8 sequence)
 *   [abc] [a-z] [!a-z] [^a-z]   one byte in / not in the class
 *   \c     the character c itself
 * Time is O(|pattern| * |text|): no recursion, no exponential backtracking,
 * whatever the input. */
int sash__glob_match(const char *pattern, const char *text, unsigned flags);

/* 0 if the pattern is well formed (every '[' closed, no trailing '\'),
 * else -1. */
int sash__glob_check(const char *pattern);

#endif
