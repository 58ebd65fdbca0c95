/* Writes the fixture atlas into the directory given, for the command-line tests. */
#include <stdio.h>

#include "fixture.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_test_atlas DIR\n");
        return 2;
    }
    if (!fixture_test_atlas(argv[1])) {
        fprintf(stderr, "make_test_atlas: cannot write %s\n", argv[1]);
        return 1;
    }
    return 0;
}
