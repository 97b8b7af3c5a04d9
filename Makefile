# The offline handbook: generator, handbook, tests.
#
#   make          build the generator (build/handbook) and the handbook (dist/)
#   make check    run every test
#   make install  install the generator, the default theme and the man page

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/handbook
MANDIR    = $(PREFIX)/share/man/man1

CC       ?= cc
CFLAGS   ?= -O2 -g
PKGS      = libcmark-gfm libxml-2.0 libxslt libexslt icu-uc icu-i18n libzip
WARN      = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	    -Wshadow -Wwrite-strings -Wformat=2 -Wvla -fno-common \
	    -Wdeclaration-after-statement
VERSION   = 0.1.0

# Debian packages that provide what the build and the tests need.
DEB_BUILD = build-essential pkg-config libcmark-gfm-dev \
	    libcmark-gfm-extensions-dev libxml2-dev libxslt1-dev libicu-dev \
	    libzip-dev libgettextpo-dev
DEB_PDF   = weasyprint fonts-noto-core fonts-noto-cjk poppler-utils
DEB_CHECK = $(DEB_BUILD) $(DEB_PDF) gettext unzip python3=python3 epubcheck \
	    java=default-jre-headless node=nodejs npm=npm chromium

# Reproducible by default: the date of the last commit when there is one.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
export SOURCE_DATE_EPOCH

SRCS = $(wildcard generator/*.c)
OBJS = $(SRCS:generator/%.c=build/obj/%.o)
LIB_OBJS = $(filter-out build/obj/main.o,$(OBJS))

CONTENT  = $(wildcard content/*.md content/book.xml)
THEME    = $(wildcard themes/default/* themes/default/assets/*)
CATALOGS = $(wildcard translations/*.po)

all: build/handbook dist/.stamp

# --- dependencies ---------------------------------------------------------

# Installs missing Debian packages when run as root, else says what to run.
build/.deps-build:
	@mkdir -p build
	@./tests/ensure-deps.sh $(DEB_BUILD)
	@pkg-config --print-errors --exists $(PKGS)
	@touch $@

build/.deps-check: build/.deps-build
	@./tests/ensure-deps.sh $(DEB_CHECK)
	@./tests/ensure-npm.sh
	@touch $@

deps: build/.deps-check

# --- the generator ---------------------------------------------------------

build/pkg.mk: build/.deps-build
	@echo 'PKG_CFLAGS = '"$$(pkg-config --cflags $(PKGS))" > $@
	@echo 'PKG_LIBS = '"$$(pkg-config --libs $(PKGS)) -lgettextpo" >> $@

-include build/pkg.mk

build/obj/%.o: generator/%.c build/pkg.mk
	@mkdir -p build/obj
	$(CC) -std=c11 $(WARN) $(CFLAGS) -D_GNU_SOURCE -DHANDBOOK_VERSION='"$(VERSION)"' \
	    -DHANDBOOK_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/handbook: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

-include $(wildcard build/obj/*.d)

# --- the sanitizer build used by the tests (STYLE.md 9) ---------------------

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all
SAN_OBJS  = $(SRCS:generator/%.c=build/san/%.o)

build/san/%.o: generator/%.c build/pkg.mk
	@mkdir -p build/san
	$(CC) -std=c11 $(WARN) -Werror $(SAN_FLAGS) -D_GNU_SOURCE \
	    -DHANDBOOK_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/san/handbook: $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(PKG_LIBS)

build/san/test_units: tests/unit/test_units.c tests/unit/harness.h \
    $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) -std=c11 $(WARN) -Werror $(SAN_FLAGS) -D_GNU_SOURCE \
	    -DHANDBOOK_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -o $@ \
	    tests/unit/test_units.c $(filter-out build/san/main.o,$(SAN_OBJS)) \
	    $(PKG_LIBS)

# The spec corpus's driver: the stages on one small book (tests/spec/).
build/san/spec: tests/spec/spec.c $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) -std=c11 $(WARN) -Werror $(SAN_FLAGS) -D_GNU_SOURCE \
	    -DHANDBOOK_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -o $@ \
	    tests/spec/spec.c $(filter-out build/san/main.o,$(SAN_OBJS)) \
	    $(PKG_LIBS)

# The fuzz harnesses without libFuzzer: make check replays every corpus.
build/san/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) -std=c11 $(WARN) -Werror $(SAN_FLAGS) -D_GNU_SOURCE \
	    $(PKG_CFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
	    $(filter-out build/san/main.o,$(SAN_OBJS)) $(PKG_LIBS)

-include $(wildcard build/san/*.d)

# --- fuzzing (libFuzzer, Debian's clang); FUZZ_SECONDS per target ---

FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined
FUZZ_TARGETS = markdown catalog tokenizer manifest
FUZZ_OBJS = $(filter-out build/fuzz/main.o,$(SRCS:generator/%.c=build/fuzz/%.o))

build/fuzz/%.o: generator/%.c build/pkg.mk
	@mkdir -p build/fuzz
	clang -std=c11 $(FUZZ_FLAGS) -D_GNU_SOURCE -DHANDBOOK_VERSION='"$(VERSION)"' \
	    $(PKG_CFLAGS) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
	    $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@./tests/ensure-deps.sh clang libclang-rt-14-dev
	@for t in $(FUZZ_TARGETS); do \
	    mkdir -p build/fuzz/corpus-$$t; \
	    echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	        -rss_limit_mb=2048 -print_final_stats=1 \
	        build/fuzz/corpus-$$t tests/fuzz/corpus/$$t 2>&1 | \
	        grep -E 'stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY' ; \
	done

# --- the handbook ---------------------------------------------------------

# One generator run per locale: when one catalog changes only its locale
# (and the language chooser, which shows completeness) is rebuilt, and
# `make -j2` builds two locales at once. Each run gives the same bytes as
# `handbook build` of everything (tested).
SOURCE_LOCALE := $(shell tr '\n' ' ' < content/book.xml | \
    sed -n 's:.*<language>[[:space:]]*\([^<[:space:]]*\)[[:space:]]*</language>.*:\1:p')
ifneq ($(words $(SOURCE_LOCALE)),1)
$(error cannot read the source language (<language>) from content/book.xml)
endif
LOCALES   = $(SOURCE_LOCALE) $(CATALOGS:translations/%.po=%)
HB_INPUTS = build/handbook $(CONTENT) $(THEME) build/locales

# Every page lists the languages: build/locales is rewritten (while make
# reads this file, so that make -n and -q stay truthful) only when a
# catalog appears or goes, and then every locale is rebuilt.
# $(call write-if-changed,FILE,TEXT): FILE keeps its time unless TEXT
# differs, so that what depends on it is rebuilt only then.
write-if-changed = $(shell mkdir -p build && { echo '$(2)' | cmp -s - $(1) || \
    echo '$(2)' > $(1); })

_ := $(call write-if-changed,build/locales,$(LOCALES))

dist/.stamp-$(SOURCE_LOCALE): $(HB_INPUTS)
	./build/handbook build --locale $(SOURCE_LOCALE)
	@touch $@

dist/.stamp-%: translations/%.po $(HB_INPUTS)
	./build/handbook build --locale $*
	@touch $@

# After the locales: the chooser links only PDFs newer than their locale
# (make tells the generator which; it reads nothing back from dist/).
build-root = @pdfs=$$(for t in $(LOCALES); do \
	[ dist/handbook-$$t.pdf -nt dist/.stamp-$$t ] && printf ' --pdf %s' $$t; \
	done); echo "./build/handbook build --root-only$$pdfs"; \
	./build/handbook build --root-only $$pdfs

dist/.stamp-root: $(HB_INPUTS) $(CATALOGS) $(LOCALES:%=dist/.stamp-%)
	$(build-root)
	@touch $@

dist/.stamp: $(LOCALES:%=dist/.stamp-%) dist/.stamp-root
	@touch $@

handbook: dist/.stamp

# Refreshes the template from the sources, then merges it into every
# catalog with gettext's msgmerge (fuzzy matching is gettext's own).
update-po: build/handbook
	./build/handbook extract
	@for po in translations/*.po; do \
	    [ -f "$$po" ] || continue; \
	    echo "msgmerge $$po"; \
	    msgmerge --quiet --update --backup=none "$$po" translations/handbook.pot || exit 1; \
	done

stats: build/handbook
	./build/handbook stats

# --- tests ------------------------------------------------------------------

check: build/.deps-check build/handbook dist/.stamp build/san/handbook \
    build/san/test_units build/san/spec $(FUZZ_TARGETS:%=build/san/replay_%)
	@./tests/run-all.sh

# Rewrites the spec corpus's expected files (tests/spec/*/out.*) from what
# the generator makes now: review them with git diff before committing.
regen: build/san/spec
	@./tests/spec/run.sh --regen build/san/spec

# --- PDF per locale (WeasyPrint); PAPER=letter for US Letter ---

# A PDF is made again when its locale was rebuilt or the paper changed;
# then the chooser is rebuilt to link the PDFs.
PAPER ?= A4
export PAPER
_ := $(call write-if-changed,build/paper,$(PAPER))

pdf: $(LOCALES:%=dist/handbook-%.pdf)
	$(build-root)

dist/handbook-%.pdf: dist/.stamp-% build/paper
	@./tests/ensure-deps.sh $(DEB_PDF)
	@./tests/make-pdf.sh dist $*

# --- benchmark (figures only, never a pass/fail) ---

bench: build/handbook
	@./tests/ensure-deps.sh pandoc time bc
	@./tests/bench.sh

# --- install ----------------------------------------------------------------

install: build/handbook
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) \
	    $(DESTDIR)$(DATADIR)/themes/default/assets
	install -m 755 build/handbook $(DESTDIR)$(BINDIR)/handbook
	install -m 644 handbook.1 $(DESTDIR)$(MANDIR)/handbook.1
	install -m 644 themes/default/*.xsl $(DESTDIR)$(DATADIR)/themes/default/
	install -m 644 themes/default/assets/* \
	    $(DESTDIR)$(DATADIR)/themes/default/assets/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/handbook $(DESTDIR)$(MANDIR)/handbook.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build dist

format:
	clang-format -i generator/*.c generator/*.h tests/unit/*.c

.PHONY: all deps handbook update-po stats pdf bench fuzz check regen install uninstall clean format
