/* Unit tests: the worker pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>

#include "fake_platform.h"

typedef struct job {
    sash__task task;
    atomic_int *ran;
    atomic_int *on_worker;
    const sash__pool *pool;
} job;

static void job_run(sash_app *app, sash__task *t)
{
    (void)app;
    job *j = (job *)t;
    if (sash__pool_is_worker(j->pool))
        atomic_fetch_add(j->on_worker, 1);
    atomic_fetch_add(j->ran, 1);
    free(j);
}

static void job_discard(sash_app *app, sash__task *t)
{
    (void)app;
    free(t);
}

static void runs_every_job_on_a_worker(void **state)
{
    (void)state;
    sash__pool pool;
    atomic_int ran = 0, on_worker = 0;
    assert_int_equal(sash__pool_start(&pool, NULL, 3), 0);
    assert_int_equal(pool.nthreads, 3);
    assert_false(sash__pool_is_worker(&pool));
    for (int i = 0; i < 2000; i++) {
        job *j = calloc(1, sizeof *j);
        j->task.run = job_run;
        j->ran = &ran;
        j->on_worker = &on_worker;
        j->pool = &pool;
        assert_int_equal(sash__pool_submit(&pool, &j->task), 0);
    }
    for (int i = 0; i < 500 && atomic_load(&ran) < 2000; i++)
        fake_sleep_ms(10);
    assert_int_equal(atomic_load(&ran), 2000);
    assert_int_equal(atomic_load(&on_worker), 2000);
    sash__pool_stop(&pool, job_discard);
}

static void refuses_work_after_stop(void **state)
{
    (void)state;
    sash__pool pool;
    assert_int_equal(sash__pool_start(&pool, NULL, 1), 0);
    sash__pool_stop(&pool, job_discard);
    /* stop() destroyed the lock; a stopped pool is re-started to test the
     * flag path without touching destroyed state. */
    assert_int_equal(sash__pool_start(&pool, NULL, 1), 0);
    sash__mutex_lock(&pool.lock);
    pool.stopping = 1;
    sash__mutex_unlock(&pool.lock);
    sash__task t = {0};
    assert_int_equal(sash__pool_submit(&pool, &t), SASH_ECLOSED);
    pool.stopping = 0;
    sash__pool_stop(&pool, job_discard);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(runs_every_job_on_a_worker),
        cmocka_unit_test(refuses_work_after_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
