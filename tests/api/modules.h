/* Registration functions of the test modules. */
#ifndef SASH_TEST_MODULES_H
#define SASH_TEST_MODULES_H

#include <sash.h>

int module_static_register(sash_app *app);
int module_dl_register(sash_app *app);

#endif
