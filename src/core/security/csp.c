/*
 * csp.c - the Content-Security-Policy served with every asset.
 */
#include <stdlib.h>
#include <string.h>

#include "security/security.h"

/* Strict, and compatible with the IPC paths: the bridge is a user script
 * (not subject to the page's CSP), replies and events arrive through the
 * message handler and evaluate_javascript (not subject either), and raw
 * bytes are fetched from the sash-ipc: scheme (connect-src).  Inline
 * styles stay allowed: UI libraries inject <style> at run time and the
 * risk (CSS-based exfiltration) is far below that of script.
 * 'wasm-unsafe-eval' lets pages compile WebAssembly (codecs, SQLite-wasm)
 * and nothing else: eval() and new Function() stay blocked. */
const char sash__default_csp[] =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; media-src 'self' blob:; "
    "connect-src 'self' sash: sash-ipc:; worker-src 'self' blob:; "
    "frame-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'";

char *sash__csp_default(const char *ipc_sources)
{
    static const char word[] = "sash: sash-ipc:";
    const char *at = strstr(sash__default_csp, word);
    if (!ipc_sources || !at)
        return sash__strdup(sash__default_csp);
    size_t head = (size_t)(at - sash__default_csp), n = strlen(ipc_sources);
    const char *tail = at + sizeof word - 1;
    char *s = malloc(head + n + strlen(tail) + 1);
    if (s) {
        memcpy(s, sash__default_csp, head);
        memcpy(s + head, ipc_sources, n);
        strcpy(s + head + n, tail);
    }
    return s;
}

const char *sash__app_csp(const sash_app *app)
{
    return app->security ? app->security->csp : NULL;
}
