/*
 * pool.c - the worker pool that runs commands off the UI thread.
 *
 * A fixed set of threads takes tasks from one FIFO.  Fixed because commands
 * are short-lived request handlers: growing and shrinking would add latency
 * and code for no measured gain.
 */
#include <stdlib.h>

#include "internal.h"

static SASH__THREAD_LOCAL const sash__pool *current_pool;

static void worker_main(void *arg)
{
    sash__pool *pool = arg;
    current_pool = pool;
    sash__mutex_lock(&pool->lock);
    for (;;) {
        while (!pool->jobs.head && !pool->stopping)
            sash__cond_wait(&pool->cond, &pool->lock);
        if (pool->stopping)
            break;
        sash__task *t = pool->jobs.head;
        pool->jobs.head = t->next;
        if (!pool->jobs.head)
            pool->jobs.tail = NULL;
        sash__mutex_unlock(&pool->lock);
        t->run(pool->app, t);
        sash__mutex_lock(&pool->lock);
    }
    sash__mutex_unlock(&pool->lock);
    return;
}

int sash__pool_start(sash__pool *pool, sash_app *app, int nthreads)
{
    sash__mutex_init(&pool->lock);
    sash__cond_init(&pool->cond);
    pool->jobs.head = pool->jobs.tail = NULL;
    pool->stopping = 0;
    pool->app = app;
    pool->nthreads = 0;
    pool->threads = calloc((size_t)nthreads, sizeof *pool->threads);
    if (!pool->threads)
        return SASH_ENOMEM;
    for (int i = 0; i < nthreads; i++) {
        if (sash__thread_start(&pool->threads[i], worker_main, pool) != 0)
            break;
        pool->nthreads++;
    }
    return pool->nthreads > 0 ? 0 : SASH_ENOMEM;
}

int sash__pool_submit(sash__pool *pool, sash__task *task)
{
    sash__mutex_lock(&pool->lock);
    if (pool->stopping) {
        sash__mutex_unlock(&pool->lock);
        return SASH_ECLOSED;
    }
    sash__queue_push(&pool->jobs, task);
    sash__cond_signal(&pool->cond);
    sash__mutex_unlock(&pool->lock);
    return 0;
}

void sash__pool_stop(sash__pool *pool, void (*discard)(sash_app *, sash__task *))
{
    if (!pool->threads)
        return;
    sash__mutex_lock(&pool->lock);
    pool->stopping = 1;
    sash__cond_broadcast(&pool->cond);
    sash__mutex_unlock(&pool->lock);
    for (int i = 0; i < pool->nthreads; i++)
        sash__thread_join(pool->threads[i]);
    free(pool->threads);
    pool->threads = NULL;
    sash__task *t = sash__queue_take_all(&pool->jobs);
    while (t) {
        sash__task *next = t->next;
        discard(pool->app, t);
        t = next;
    }
    sash__cond_destroy(&pool->cond);
    sash__mutex_destroy(&pool->lock);
}

int sash__pool_is_worker(const sash__pool *pool)
{
    return current_pool == pool;
}
