/*
 * imgcmp: compares a rendered PNG with its reference, with a tolerance of two numbers, as SDL's
 * testautomation_render (ALLOWABLE_ERROR_*) and QGIS's render checks do:
 *   - a pixel differs when any channel (R, G, B or A) differs by more than THRESHOLD (0..255),
 *     so anti-aliasing and rounding noise do not count;
 *   - the images match when the differing pixels are at most MAX_SHARE percent of all pixels,
 *     so a moved label fails while a one-pixel seam does not.
 * On a mismatch it prints the numbers and writes DIFF: the reference in faded grey with every
 * differing pixel in red, so a person sees at once where the pictures part.
 *
 * usage: imgcmp REFERENCE OUTPUT DIFF THRESHOLD MAX_SHARE
 * exit: 0 match, 1 mismatch (or a size mismatch), 2 usage or unreadable file.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

enum { EXIT_MATCH = 0, EXIT_MISMATCH = 1, EXIT_USAGE = 2 };

/* Loads a PNG as ARGB8888, whatever its own format; owned by the caller, SDL_FreeSurface. */
static SDL_Surface *load(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "imgcmp: cannot read %s: %s\n", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    if (!s)
        fprintf(stderr, "imgcmp: cannot convert %s: %s\n", path, SDL_GetError());
    return s;
}

static Uint32 pixel(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

static int channel_delta(Uint32 a, Uint32 b)
{
    int worst = 0;
    for (int shift = 0; shift < 32; shift += 8) {
        int d = abs((int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff));
        worst = d > worst ? d : worst;
    }
    return worst;
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: imgcmp REFERENCE OUTPUT DIFF THRESHOLD MAX_SHARE_PERCENT\n");
        return EXIT_USAGE;
    }
    const char *ref_path = argv[1], *out_path = argv[2], *diff_path = argv[3];
    int threshold = atoi(argv[4]);
    double max_share = atof(argv[5]);
    int status = EXIT_USAGE;
    SDL_Surface *ref = NULL, *out = NULL, *diff = NULL;
    if (!(ref = load(ref_path)) || !(out = load(out_path)))
        goto done;
    if (ref->w != out->w || ref->h != out->h) {
        fprintf(stderr, "imgcmp: %s is %dx%d but the reference %s is %dx%d\n", out_path, out->w,
                out->h, ref_path, ref->w, ref->h);
        status = EXIT_MISMATCH;
        goto done;
    }
    diff = SDL_CreateRGBSurfaceWithFormat(0, ref->w, ref->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!diff) {
        fprintf(stderr, "imgcmp: %s\n", SDL_GetError());
        goto done;
    }
    long differing = 0;
    int worst = 0;
    for (int y = 0; y < ref->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)diff->pixels + (size_t)y * diff->pitch);
        for (int x = 0; x < ref->w; x++) {
            Uint32 a = pixel(ref, x, y), b = pixel(out, x, y);
            int d = channel_delta(a, b);
            worst = d > worst ? d : worst;
            if (d > threshold) {
                differing++;
                row[x] = 0xffff0000u;
            } else {
                /* Faded grey of the reference: enough to see where on the map a red dot is. */
                Uint32 grey = (((a >> 16) & 0xff) * 3 + ((a >> 8) & 0xff) * 6 + (a & 0xff)) / 10;
                grey = 160 + grey * 95 / 255;
                row[x] = 0xff000000u | grey << 16 | grey << 8 | grey;
            }
        }
    }
    double share = 100.0 * differing / ((double)ref->w * ref->h);
    if (share <= max_share) {
        printf("imgcmp: %s matches: %ld of %d pixels (%.3f%%) differ by more than %d, "
               "allowed %.3f%%; largest channel difference %d\n",
               out_path, differing, ref->w * ref->h, share, threshold, max_share, worst);
        status = EXIT_MATCH;
        goto done;
    }
    fprintf(stderr,
            "imgcmp: %s differs from %s: %ld of %d pixels (%.3f%%) differ by more than %d, "
            "allowed %.3f%%; largest channel difference %d\n",
            out_path, ref_path, differing, ref->w * ref->h, share, threshold, max_share, worst);
    if (IMG_SavePNG(diff, diff_path) == 0)
        fprintf(stderr, "imgcmp: differing pixels are red in %s\n", diff_path);
    else
        fprintf(stderr, "imgcmp: cannot write %s: %s\n", diff_path, IMG_GetError());
    status = EXIT_MISMATCH;
done:
    SDL_FreeSurface(diff);
    SDL_FreeSurface(out);
    SDL_FreeSurface(ref);
    return status;
}
