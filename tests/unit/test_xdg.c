/* The user's folders: where the XDG variables put them, and making them on first use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xdg.h"

static void data_dir_should_follow_xdg_data_home(void **state)
{
    (void)state;
    setenv("XDG_DATA_HOME", "/srv/data", 1);
    char *dir = wk_user_data_dir();
    assert_string_equal(dir, "/srv/data/wakhan");
    free(dir);
}

static void data_dir_should_ignore_a_relative_xdg_value(void **state)
{
    (void)state;
    setenv("XDG_DATA_HOME", "relative/path", 1);
    setenv("HOME", "/home/teacher", 1);
    char *dir = wk_user_data_dir();
    assert_string_equal(dir, "/home/teacher/.local/share/wakhan");
    free(dir);
    unsetenv("XDG_DATA_HOME");
    dir = wk_user_data_dir();
    assert_string_equal(dir, "/home/teacher/.local/share/wakhan");
    free(dir);
}

static void data_dir_should_be_null_without_home(void **state)
{
    (void)state;
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    assert_null(wk_user_data_dir());
}

static void mkdirs_should_make_every_missing_level_and_refuse_a_file(void **state)
{
    (void)state;
    char base[] = "/tmp/wk-xdg-XXXXXX";
    assert_non_null(mkdtemp(base));
    char deep[256], file[256];
    snprintf(deep, sizeof deep, "%s/a/b/c", base);
    WkDiag diag;
    wk_diag_init(&diag);
    assert_true(wk_mkdirs(deep, &diag));
    struct stat st;
    assert_int_equal(stat(deep, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_true(wk_mkdirs(deep, &diag)); /* again: already there */
    snprintf(file, sizeof file, "%s/a/plain", base);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    char below[300];
    snprintf(below, sizeof below, "%s/under", file);
    assert_false(wk_mkdirs(below, &diag));
    assert_int_equal(diag.count, 1);
    assert_non_null(strstr(diag.entries[0].text, "plain"));
    wk_diag_free(&diag);
    remove(file);
    rmdir(deep);
    snprintf(deep, sizeof deep, "%s/a/b", base);
    rmdir(deep);
    snprintf(deep, sizeof deep, "%s/a", base);
    rmdir(deep);
    rmdir(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_dir_should_follow_xdg_data_home),
        cmocka_unit_test(data_dir_should_ignore_a_relative_xdg_value),
        cmocka_unit_test(data_dir_should_be_null_without_home),
        cmocka_unit_test(mkdirs_should_make_every_missing_level_and_refuse_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
