/*
 * folders.c - the values of the variables a scope pattern may use ($HOME,
 * $APPDATA, $DOCUMENTS, ...): the system layer's known folders, in the
 * canonical path form the scope globs match.
 */
#include <stdlib.h>
#include <string.h>

#include "security/capability.h"

/* An app identifier names a folder: one that could climb out of its parent
 * is replaced, never used. */
static const char *safe_identifier(const char *id)
{
    if (!id || !*id || strchr(id, '/') || strchr(id, '\\') ||
        strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
        return "app.sash";
    return id;
}

void sash__vars_init(sash__vars *v, const char *identifier)
{
    memset(v, 0, sizeof *v);
    /* SASH__VAR_* and SASH__FOLDER_* list the same folders in one order. */
    for (int i = 0; i < SASH__VAR_COUNT; i++)
        v->value[i] = sash__known_folder((sash__folder)i,
                                         safe_identifier(identifier));
}

void sash__vars_free(sash__vars *v)
{
    for (int i = 0; i < SASH__VAR_COUNT; i++) {
        free(v->value[i]);
        v->value[i] = NULL;
    }
}
