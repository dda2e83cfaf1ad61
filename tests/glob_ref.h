/*
 * glob_ref.h - a recursive reference matcher for the plain glob mode
 * ('*' and '?'), exponential but fine for short inputs.  The unit test and
 * the fuzz target both check the fast matcher in src/core/glob.c against it.
 */
#ifndef SASH_TEST_GLOB_REF_H
#define SASH_TEST_GLOB_REF_H

static int ref_match(const char *p, const char *t)
{
    if (!*p)
        return !*t;
    if (*p == '*')
        return ref_match(p + 1, t) || (*t && ref_match(p, t + 1));
    if (!*t)
        return 0;
    return (*p == '?' || *p == *t) && ref_match(p + 1, t + 1);
}

#endif
