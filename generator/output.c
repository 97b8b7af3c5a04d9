/* Atomic output: build beside, sync, rename into place; never half-written. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

struct outdir {
	char *dist;
	char *final;
	char *tmp;
	int tmp_fd; /* opened before any write: syncfs() reports errors
	               since then, and only to this descriptor */
};

static int
mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

struct outdir *
output_begin(const char *dist, const char *name)
{
	struct outdir *o;

	if (mkdir_p(dist) < 0) {
		diag(DIAG_ERROR, dist, 0, 0, "cannot create output folder: %s",
		    strerror(errno));
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	o->tmp_fd = -1;
	o->dist = xstrdup(dist);
	o->final = xasprintf("%s/%s", dist, name);
	o->tmp = xasprintf("%s/.%s.XXXXXX", dist, name);
	if (mkdtemp(o->tmp) == NULL) {
		diag(DIAG_ERROR, dist, 0, 0,
		    "cannot write in output folder: %s", strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		output_abort(o);
		return NULL;
	}
	chmod(o->tmp, 0755);
	o->tmp_fd = open(o->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->tmp_fd < 0) {
		diag(DIAG_ERROR, dist, 0, 0, "cannot open '%s': %s", o->tmp,
		    strerror(errno));
		output_abort(o);
		return NULL;
	}
	return o;
}

const char *
output_tmp_path(const struct outdir *o)
{
	return o->tmp;
}

/* With sync 0 the caller syncs later (a whole folder at once). */
static int
write_all(const char *path, const void *data, size_t len, int sync)
{
	const char *p = data;
	int fd, saved;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd < 0)
		return -1;
	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (sync && fsync(fd) < 0 && errno != EINVAL)
		goto fail;
	return close(fd);
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
output_write(struct outdir *o, const char *relpath, const void *data,
    size_t len)
{
	char *path = xasprintf("%s/%s", o->tmp, relpath), *slash;
	int rc = 0;

	slash = strrchr(path, '/');
	*slash = '\0';
	if (mkdir_p(path) < 0)
		rc = -1;
	*slash = '/';
	if (rc == 0 && write_all(path, data, len, 0) < 0)
		rc = -1;
	if (rc < 0)
		diag(DIAG_ERROR, o->final, 0, 0, "cannot write '%s': %s",
		    relpath, strerror(errno));
	free(path);
	return rc;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/*
 * A file whose bytes did not change keeps its old modification time, so
 * that people who copy the folder to a card copy only what changed.
 */
static void
keep_time(const char *path, const char *old)
{
	struct stat st, ost;
	size_t a, b;
	char *x, *y;

	if (lstat(path, &st) < 0 || lstat(old, &ost) < 0 ||
	    !S_ISREG(ost.st_mode) || ost.st_size != st.st_size)
		return;
	x = file_read(path, (size_t)st.st_size, &a);
	y = file_read(old, (size_t)ost.st_size, &b);
	if (x && y && a == b && memcmp(x, y, a) == 0) {
		struct timespec times[2] = {ost.st_atim, ost.st_mtim};
		utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW);
	}
	free(x);
	free(y);
}

static void
keep_times(const struct outdir *o)
{
	size_t i, n;
	char **files = files_under(o->tmp, &n), *path, *old;

	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", o->tmp, files[i]);
		old = xasprintf("%s/%s", o->final, files[i]);
		keep_time(path, old);
		free(path);
		free(old);
	}
	strings_free(files, n);
}

int
output_commit(struct outdir *o)
{
	struct stat st;
	int rc = 0;

	/* A file whose bytes did not change keeps its old modification
	 * time, so that people who copy the folder to a card copy only what
	 * changed. */
	keep_times(o);
	/*
	 * Everything written in the folder (pages, the EPUB libzip wrote)
	 * reaches the disk before the folder is swapped in: one syncfs()
	 * instead of an fsync() per file, which cost more than the writing.
	 * It flushes the whole filesystem, so it waits for others' writes too.
	 */
	if (syncfs(o->tmp_fd) < 0) {
		diag(DIAG_ERROR, o->final, 0, 0, "cannot write: %s",
		    strerror(errno));
		output_abort(o);
		return -1;
	}
	if (lstat(o->final, &st) < 0) {
		if (rename(o->tmp, o->final) < 0)
			rc = -1;
	} else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	               RENAME_EXCHANGE) < 0)
		rc = -1;
	if (rc < 0) {
		diag(DIAG_ERROR, o->final, 0, 0,
		    "cannot put output in place: %s", strerror(errno));
		output_abort(o);
		return -1;
	}
	sync_dir(o->dist);
	/* After the exchange the temporary name holds the previous output. */
	output_abort(o);
	return 0;
}

void
output_abort(struct outdir *o)
{
	if (o == NULL)
		return;
	if (o->tmp_fd >= 0)
		close(o->tmp_fd);
	if (o->tmp)
		remove_tree(o->tmp);
	free(o->dist);
	free(o->final);
	free(o->tmp);
	free(o);
}

int
output_replace_path(const char *path, const void *data, size_t len)
{
	/* A unique temporary name in the file's own folder: two builds may
	 * run side by side, and rename() stays within one folder. */
	char *tmp = temp_name_beside(path);
	const char *slash = strrchr(path, '/');
	char *parent =
	    slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	int rc = -1, fd;

	if (mkdir_p(parent) < 0 || (fd = mkstemp(tmp)) < 0 || close(fd) < 0 ||
	    chmod(tmp, 0644) < 0 || write_all(tmp, data, len, 1) < 0 ||
	    rename(tmp, path) < 0) {
		diag(DIAG_ERROR, path, 0, 0, "cannot write: %s",
		    strerror(errno));
		unlink(tmp);
	} else
		rc = 0;
	free(parent);
	free(tmp);
	return rc;
}

int
output_replace_file(const char *dist, const char *relpath, const void *data,
    size_t len)
{
	char *final = xasprintf("%s/%s", dist, relpath);
	int rc = output_replace_path(final, data, len);

	free(final);
	return rc;
}
