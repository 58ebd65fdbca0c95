/* Atomic file writing: the target is replaced whole or not at all, failures are reported with
 * the path and the reason, no temporary file stays behind, stale ones are recognised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/util.h"

static void put_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static char *get_text(const char *path)
{
    return wk_file_read(path, NULL, NULL);
}

/* Files in `dir` whose name ends with ".wktmp". */
static int temporaries_in(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".wktmp"))
            n++;
    closedir(d);
    return n;
}

static void fresh_dir(const char *dir)
{
    char *cmd = wk_strfmt("rm -rf '%s' && mkdir -p '%s'", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(cmd);
}

static bool fill_text(FILE *f, void *user, WkDiag *diag)
{
    (void)diag;
    return fputs(user, f) >= 0;
}

static bool fill_then_fail(FILE *f, void *user, WkDiag *diag)
{
    (void)user;
    fputs("half of it", f);
    wk_diag_error(diag, WK_ERR_IO, "the writer gave up");
    return false;
}

static void write_should_replace_whole_and_keep_mode(void **state)
{
    (void)state;
    fresh_dir("a");
    put_text("a/out.txt", "old");
    assert_int_equal(chmod("a/out.txt", 0640), 0);
    WkDiag d;
    wk_diag_init(&d);
    assert_int_equal(wk_atomic_write("a/out.txt", fill_text, "new content", &d), WK_OK);
    assert_int_equal(d.count, 0);
    char *text = get_text("a/out.txt");
    assert_string_equal(text, "new content");
    free(text);
    struct stat st;
    assert_int_equal(stat("a/out.txt", &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(temporaries_in("a"), 0);

    /* A writer that fails leaves the old file and no temporary, with its own message only. */
    assert_int_equal(wk_atomic_write("a/out.txt", fill_then_fail, NULL, &d), WK_ERR_IO);
    assert_int_equal(d.count, 1);
    text = get_text("a/out.txt");
    assert_string_equal(text, "new content");
    free(text);
    assert_int_equal(temporaries_in("a"), 0);
    wk_diag_free(&d);
}

static void symlink_should_replace_what_it_names(void **state)
{
    (void)state;
    fresh_dir("l");
    put_text("l/real.txt", "old");
    assert_int_equal(symlink("real.txt", "l/link.txt"), 0);
    WkDiag d;
    wk_diag_init(&d);
    assert_int_equal(wk_atomic_write("l/link.txt", fill_text, "via link", &d), WK_OK);
    struct stat st;
    assert_int_equal(lstat("l/link.txt", &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *text = get_text("l/real.txt");
    assert_string_equal(text, "via link");
    free(text);
    wk_diag_free(&d);
}

static void non_regular_targets_should_be_refused(void **state)
{
    (void)state;
    fresh_dir("n");
    assert_int_equal(mkfifo("n/pipe", 0600), 0);
    WkDiag d;
    wk_diag_init(&d);
    assert_int_equal(wk_atomic_write("/dev/full", fill_text, "x", &d), WK_ERR_IO);
    assert_non_null(wk_diag_find(&d, "/dev/full: not a regular file"));
    assert_int_equal(wk_atomic_write("n/pipe", fill_text, "x", &d), WK_ERR_IO);
    assert_non_null(wk_diag_find(&d, "n/pipe: not a regular file"));
    assert_int_equal(wk_atomic_write("n", fill_text, "x", &d), WK_ERR_IO);
    assert_int_equal(wk_atomic_write("n/", fill_text, "x", &d), WK_ERR_IO);
    assert_int_equal(wk_atomic_write("no/such/folder/x", fill_text, "x", &d), WK_ERR_IO);
    assert_non_null(wk_diag_find(&d, "no/such/folder/x: cannot write: No such file"));
    assert_int_equal(temporaries_in("n"), 0);
    wk_diag_free(&d);
}

static void long_names_should_fail_with_the_reason(void **state)
{
    (void)state;
    fresh_dir("t");
    /* A 300-byte name is over every Linux file system's limit: an error, never a cut name. */
    char name[320] = "t/";
    memset(name + 2, 'x', 300);
    name[302] = '\0';
    WkDiag d;
    wk_diag_init(&d);
    assert_int_equal(wk_atomic_write(name, fill_text, "x", &d), WK_ERR_IO);
    assert_non_null(wk_diag_find(&d, "File name too long"));
    /* A name just under the limit gets a shortened temporary and is written. */
    memset(name + 2, 'y', 250);
    name[252] = '\0';
    assert_int_equal(wk_atomic_write(name, fill_text, "x", &d), WK_OK);
    assert_int_equal(access(name, F_OK), 0);
    assert_int_equal(temporaries_in("t"), 0);
    wk_diag_free(&d);
}

/* A write that fails in the middle (the file size limit stands in for a full disk): the call
 * fails naming the path and the reason, the old file stays, the temporary goes. Run in a child,
 * so the limit does not outlive the test. */
static void failing_disk_should_leave_old_file(void **state)
{
    (void)state;
    fresh_dir("f");
    put_text("f/big.bin", "old");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {1000, 1000};
        setrlimit(RLIMIT_FSIZE, &rl);
        /* 2,000 bytes stay in the stream's buffer until the flush at commit fails; 100,000
         * make fputs itself fail. */
        static char big[100000], small[2000];
        memset(big, 'z', sizeof big - 1);
        memset(small, 'z', sizeof small - 1);
        WkDiag d;
        wk_diag_init(&d);
        bool ok = wk_atomic_write("f/big.bin", fill_text, small, &d) == WK_ERR_IO &&
                  wk_diag_find(&d, "f/big.bin: cannot write: File too large") && d.count == 1;
        ok = ok && wk_atomic_write("f/big.bin", fill_text, big, &d) == WK_ERR_IO && d.count == 2 &&
             strstr(d.entries[1].text, "f/big.bin: cannot write: File too large");
        wk_diag_free(&d);
        _exit(ok ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *text = get_text("f/big.bin");
    assert_string_equal(text, "old");
    free(text);
    assert_int_equal(temporaries_in("f"), 0);
}

static void stale_temporaries_of_dead_processes_should_go(void **state)
{
    (void)state;
    fresh_dir("s");
    long pid;
    assert_true(wk_atomic_temp_name(".out.png.1234-0.wktmp", &pid));
    assert_int_equal(pid, 1234);
    assert_false(wk_atomic_temp_name("out.png.1234-0.wktmp", &pid));
    assert_false(wk_atomic_temp_name(".out.png.12a4-0.wktmp", &pid));
    assert_false(wk_atomic_temp_name(".out.png.1234-.wktmp", &pid));
    assert_false(wk_atomic_temp_name(".out.png", &pid));
    /* A child that has exited is a dead process whose id is known. */
    pid_t dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    assert_int_equal(waitpid(dead, NULL, 0), dead);
    char *stale = wk_strfmt("s/.out.png.%ld-0.wktmp", (long)dead);
    char *live = wk_strfmt("s/.out.png.%ld-0.wktmp", (long)getppid());
    put_text(stale, "torn");
    put_text(live, "being written");
    put_text("s/keep.wktmp", "not ours");
    assert_int_equal(wk_atomic_clean_stale("s"), 1);
    assert_int_not_equal(access(stale, F_OK), 0);
    assert_int_equal(access(live, F_OK), 0);
    assert_int_equal(access("s/keep.wktmp", F_OK), 0);
    free(stale);
    free(live);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_should_replace_whole_and_keep_mode),
        cmocka_unit_test(symlink_should_replace_what_it_names),
        cmocka_unit_test(non_regular_targets_should_be_refused),
        cmocka_unit_test(long_names_should_fail_with_the_reason),
        cmocka_unit_test(failing_disk_should_leave_old_file),
        cmocka_unit_test(stale_temporaries_of_dead_processes_should_go),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
