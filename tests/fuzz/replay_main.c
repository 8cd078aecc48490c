/* replay_main.c
 * Runs the fuzz harness's LLVMFuzzerTestOneInput() over saved inputs, for a
 * build without libFuzzer (gcc, the default CTest run):
 *
 *     fuzz_replay [-p] FILE|DIR...
 *
 * -p prints every decoded segment with its states, events and Zeek record.
 * Every regular file named, or found directly inside a DIR named, is one
 * input.  The harness aborts on a broken invariant; otherwise prints how
 * many inputs ran and exits 0.  Exits 2 when a path cannot be read or no
 * input was found.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern int fuzz_core_print;

static unsigned long inputs;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long size;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        if (f)
            fclose(f);
        return -1;
    }
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
        perror(path);
        free(buf);
        fclose(f);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, (size_t)size);
    free(buf);
    inputs++;
    return 0;
}

static int replay_path(const char *path)
{
    struct stat sb;
    DIR *dir;
    struct dirent *e;
    int rc = 0;

    if (stat(path, &sb) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(sb.st_mode))
        return replay_file(path);
    dir = opendir(path);
    if (!dir) {
        perror(path);
        return -1;
    }
    while ((e = readdir(dir)) != NULL) {
        char child[4096];
        struct stat cb;

        if (e->d_name[0] == '.')
            continue;       /* ., .., and hidden files such as .gitkeep */
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (stat(child, &cb) == 0 && S_ISREG(cb.st_mode) && replay_file(child) != 0)
            rc = -1;
    }
    closedir(dir);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0, first = 1;

    if (argc > 1 && strcmp(argv[1], "-p") == 0) {
        fuzz_core_print = 1;
        first = 2;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: %s [-p] FILE|DIR...\n", argv[0]);
        return 2;
    }
    for (int i = first; i < argc; i++)
        if (replay_path(argv[i]) != 0)
            rc = 2;
    if (!inputs) {
        fprintf(stderr, "%s: no input found\n", argv[0]);
        return 2;
    }
    printf("%lu inputs replayed, no invariant broken\n", inputs);
    return rc;
}
