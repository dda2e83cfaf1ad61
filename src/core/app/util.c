/*
 * util.c - small pieces every core file uses: strings, FIFO queue, growable
 * buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

char *sash__strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

void sash__queue_push(sash__queue *q, sash__task *t)
{
    t->next = NULL;
    if (q->tail)
        q->tail->next = t;
    else
        q->head = t;
    q->tail = t;
}

sash__task *sash__queue_take_all(sash__queue *q)
{
    sash__task *h = q->head;
    q->head = q->tail = NULL;
    return h;
}

int sash__buf_append(sash__buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return SASH_ENOMEM;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

void sash__buf_free(sash__buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
