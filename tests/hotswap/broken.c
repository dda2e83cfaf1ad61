/* A module that links (a module may leave symbols undefined) but cannot
 * load: nothing defines hs_no_such_function. */
void hs_no_such_function(void);
void hs_broken_entry(void);
void hs_broken_entry(void)
{
    hs_no_such_function();
}
