/* EPUB packaging: OCF rules (mimetype first, stored) and stable bytes. */
#include "epub.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "diag.h"
#include "theme.h"
#include "util.h"

static const char mimetype[] = "application/epub+zip";

/*
 * Adds a member with a fixed time and permissions, stored or deflated at
 * level (1 fast … 9 small). With owned, libzip takes the buffer and frees
 * it once the archive is written.
 */
static int
add_entry(zip_t *za, const char *name, const void *data, size_t len,
    long long date, int store, int owned, int level)
{
	zip_source_t *src = zip_source_buffer(za, data, len, owned);
	zip_int64_t i;

	if (src == NULL) {
		if (owned)
			free((void *)data);
		return -1;
	}
	i = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_file_set_mtime(za, (zip_uint64_t)i, (time_t)date, 0) < 0 ||
	    zip_set_file_compression(za, (zip_uint64_t)i,
	        store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : level) < 0 ||
	    zip_file_set_external_attributes(za, (zip_uint64_t)i, 0,
	        ZIP_OPSYS_UNIX, 0100644u << 16) < 0)
		return -1;
	return 0;
}

/* Sorted names make the archive independent of the theme's output order. */
static int
by_path(const void *a, const void *b)
{
	const struct theme_output *x = *(const struct theme_output *const *)a;
	const struct theme_output *y = *(const struct theme_output *const *)b;

	return strcmp(x->path, y->path);
}

int
epub_write(const char *path, const char *shown,
    const struct theme_output *files, int nfiles, long long date)
{
	const struct theme_output **list =
	    xcalloc((size_t)nfiles + 1, sizeof(*list));
	int err = 0, i, n = 0, rc = -1;
	zip_t *za;

	for (i = 0; i < nfiles; i++)
		if (files[i].target == TARGET_EPUB)
			list[n++] = &files[i];
	qsort(list, (size_t)n, sizeof(*list), by_path);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		diag(DIAG_ERROR, shown, 0, 0, "cannot create EPUB: %s",
		    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		goto out;
	}
	if (add_entry(za, "mimetype", mimetype, strlen(mimetype), date, 1, 0,
	        0) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (strcmp(list[i]->path, "mimetype") == 0) {
			diag(DIAG_ERROR, shown, 0, 0,
			    "theme: the EPUB's mimetype is written by the "
			    "generator");
			zip_discard(za);
			goto out;
		}
		/* Level 6: 0.4 % larger than 9, in 70 % of the time. */
		if (add_entry(za, list[i]->path, list[i]->data, list[i]->len,
		        date, 0, 0, 6) < 0)
			goto fail;
	}
	if (zip_close(za) < 0) {
		diag(DIAG_ERROR, shown, 0, 0, "cannot write EPUB: %s",
		    zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	diag(DIAG_ERROR, shown, 0, 0, "cannot build EPUB: %s",
	    zip_strerror(za));
	zip_discard(za);
out:
	free(list);
	return rc;
}

/* --- the whole locale folder as one file, to pass on by Bluetooth --- */

/* Adds every file under dir, in sorted order, as prefix/<relative path>. */
static int
add_folder(zip_t *za, const char *dir, const char *prefix, long long date)
{
	size_t i, n, len;
	char **files = files_under(dir, &n), *full, *name, *data;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		full = xasprintf("%s/%s", dir, files[i]);
		name = xasprintf("%s/%s", prefix, files[i]);
		data = file_read(full, (size_t)1 << 30, &len);
		/* libzip frees the buffer (owned) once the archive is written.
		 * An EPUB is a zip already: store it, do not squeeze it again.
		 */
		if (data == NULL ||
		    add_entry(za, name, data, len, date,
		        str_endswith(name, ".epub") ||
		            str_endswith(name, ".pdf"),
		        1, 1) < 0)
			rc = diag(DIAG_ERROR, full, 0, 0, "cannot add to zip");
		free(full);
		free(name);
	}
	strings_free(files, n);
	return rc;
}

int
epub_zip_folder(const char *path, const char *dir, const char *prefix,
    long long date)
{
	/* A unique temporary name: two builds may share an output folder. */
	char *tmp = temp_name_beside(path);
	int err = 0, fd = -1, rc = -1;
	zip_t *za = NULL;

	if ((fd = mkstemp(tmp)) < 0 || close(fd) < 0) {
		diag(DIAG_ERROR, path, 0, 0, "cannot create zip: %s",
		    strerror(errno));
		goto out;
	}
	if ((za = zip_open(tmp, ZIP_TRUNCATE, &err)) == NULL) {
		diag(DIAG_ERROR, path, 0, 0, "cannot create zip");
		goto out;
	}
	if (add_folder(za, dir, prefix, date) < 0) {
		zip_discard(za);
		goto out;
	}
	/* zip_close frees the archive when it succeeds, and only then. */
	if (zip_close(za) < 0) {
		diag(DIAG_ERROR, path, 0, 0, "cannot write zip: %s",
		    zip_strerror(za));
		zip_discard(za);
		goto out;
	}
	if (chmod(tmp, 0644) < 0 || rename(tmp, path) < 0) {
		diag(DIAG_ERROR, path, 0, 0, "cannot write zip: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (rc < 0 && fd >= 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
