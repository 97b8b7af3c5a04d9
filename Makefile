# The offline handbook: generator, handbook, tests.
#
#   make          build the generator (build/handbook) and the handbook (dist/)
#   make check    run every test
#   make install  install the generator, the default theme and the man page
#   make pdf      a PDF per locale; make booklet, one to fold and staple
#   make help     every target
#
# Reading this file changes nothing: `make -n`, `make -q`, `make clean` and
# `make help` never install or write. Missing Debian packages are installed
# (as root) by the recipes of `make`, `make check` and `make deps`.

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/handbook
MANDIR    = $(PREFIX)/share/man/man1

CC       ?= cc
CFLAGS   ?= -O2 -g
PKGS      = libcmark-gfm libxml-2.0 libxslt libexslt icu-uc icu-i18n libzip libcrypto
WARN      = -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
	    -Wshadow -Wwrite-strings -Wformat=2 -Wvla -fno-common \
	    -Wdeclaration-after-statement
VERSION   = 0.1.0

# Debian packages that provide what the build and the tests need.
DEB_BUILD = build-essential pkg-config libcmark-gfm-dev \
	    libcmark-gfm-extensions-dev libxml2-dev libxslt1-dev libicu-dev \
	    libzip-dev libgettextpo-dev libssl-dev
DEB_PDF   = weasyprint fonts-noto-core fonts-noto-cjk poppler-utils
# The EPUB covers: rsvg-convert rasterises the theme's SVG with the Noto
# fonts of every script (the PDFs' fonts).
DEB_COVER = librsvg2-bin fonts-noto-core fonts-noto-cjk
# Kiwix ZIMs: Debian's python3-libzim packs, zim-tools checks (zimcheck),
# librsvg2-bin makes the illustration; kiwix-tools serves them in the tests.
DEB_ZIM   = python3-libzim zim-tools librsvg2-bin
# Booklets: WeasyPrint (DEB_PDF) lays out, pypdf imposes two-up.
DEB_BOOKLET = python3-pypdf
DEB_CHECK = $(DEB_BUILD) $(DEB_COVER) $(DEB_PDF) $(DEB_ZIM) $(DEB_BOOKLET) gettext unzip python3=python3 epubcheck \
	    java=default-jre-headless node=nodejs npm=npm chromium kiwix-tools curl \
	    firefox-esr webkit2gtk-driver xvfb xauth clang-format=clang-format \
	    pofilter=translate-toolkit

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

help:
	@echo 'make            the generator (build/handbook) and the handbook (dist/)'
	@echo 'make check      every test (tests/run-all.sh)'
	@echo 'make regen      rewrite the spec corpus'"'"'s expected files (review with git diff)'
	@echo 'make deps       install the Debian packages the build and tests need (as root)'
	@echo 'make pdf        a PDF per locale (PAPER=A4 or letter)'
	@echo 'make booklet    a booklet per locale to fold and staple (A5 two-up on A4; PAPER=letter)'
	@echo 'make review     the bilingual review edition of each translation (dist/review/)'
	@echo 'make review-pdf its PDF (dist/review/handbook-<tag>-review.pdf)'
	@echo 'make zim        a Kiwix ZIM file per locale (dist/handbook-<tag>.zim)'
	@echo 'make release    an edition to hand out, refused while unreviewed or with placeholders'
	@echo '                (EDITION=themes/... RELEASE_DIR=dist/release)'
	@echo 'make update-po  refresh the template and merge it into every catalog'
	@echo 'make stats      how much of each catalog is translated'
	@echo 'make fuzz       libFuzzer on each harness (FUZZ_SECONDS per target)'
	@echo 'make bench      timings (never a pass/fail)'
	@echo 'make format     clang-format the C sources (format-check only tells)'
	@echo 'make install    install (PREFIX, DESTDIR); make uninstall removes'
	@echo 'make clean      remove build/ and dist/'

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

# pkg-config runs once, when a recipe first needs the flags: after the
# packages are installed, and never while make only reads this file.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)) -lgettextpo)$(PKG_LIBS)

# One compile command for the three builds (normal, sanitizer, fuzz); each
# adds its own flags after it.
COMPILE = -std=c11 $(WARN) -D_GNU_SOURCE -DHANDBOOK_VERSION='"$(VERSION)"' \
	  -DHANDBOOK_DATADIR='"$(DATADIR)"' $(CPPFLAGS) $(PKG_CFLAGS)

build/obj/%.o: generator/%.c | build/.deps-build
	@mkdir -p build/obj
	$(CC) $(COMPILE) $(CFLAGS) -MMD -MP -c $< -o $@

build/handbook: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

-include $(wildcard build/obj/*.d)

# --- the sanitizer build used by the tests (STYLE.md 9) ---------------------

SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all
SAN_OBJS  = $(SRCS:generator/%.c=build/san/%.o)

build/san/%.o: generator/%.c | build/.deps-build
	@mkdir -p build/san
	$(CC) $(COMPILE) -Werror $(SAN_FLAGS) -MMD -MP -c $< -o $@

build/san/handbook: $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(PKG_LIBS)

build/san/test_units: tests/unit/test_units.c tests/unit/harness.h \
    $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) $(COMPILE) -Werror $(SAN_FLAGS) -o $@ \
	    tests/unit/test_units.c $(filter-out build/san/main.o,$(SAN_OBJS)) \
	    $(PKG_LIBS)

# The spec corpus's driver: the stages on one small book (tests/spec/).
build/san/spec: tests/spec/spec.c $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) $(COMPILE) -Werror $(SAN_FLAGS) -o $@ \
	    tests/spec/spec.c $(filter-out build/san/main.o,$(SAN_OBJS)) \
	    $(PKG_LIBS)

# The fuzz harnesses without libFuzzer: make check replays every corpus.
build/san/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(filter-out build/san/main.o,$(SAN_OBJS))
	$(CC) $(COMPILE) -Werror $(SAN_FLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
	    $(filter-out build/san/main.o,$(SAN_OBJS)) $(PKG_LIBS)

-include $(wildcard build/san/*.d)

# --- fuzzing (libFuzzer, Debian's clang); FUZZ_SECONDS per target ---

FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined
FUZZ_TARGETS = markdown catalog tokenizer manifest reviews
FUZZ_OBJS = $(filter-out build/fuzz/main.o,$(SRCS:generator/%.c=build/fuzz/%.o))

# clang and its libFuzzer runtime, before anything is compiled with them.
build/.deps-fuzz: | build/.deps-build
	@./tests/ensure-deps.sh clang libclang-rt-14-dev
	@touch $@

build/fuzz/%.o: generator/%.c | build/.deps-fuzz
	@mkdir -p build/fuzz
	clang $(COMPILE) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS) | build/.deps-fuzz
	clang $(COMPILE) -g -O1 -fsanitize=fuzzer,address,undefined \
	    -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
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

# Every page lists the languages: build/locales is rewritten only when a
# catalog appears or goes, and then every locale is rebuilt.
# $(call remember,FILE,TEXT): FILE is remade (by a recipe, so that make -n
# and -q only tell) when it does not hold TEXT, and keeps its time
# otherwise, so that what depends on it is rebuilt only then.
define remember
$(1):
	@mkdir -p $$(@D) && echo '$(2)' > $$@
ifneq ($$(file < $(1)),$(2))
$(1): FORCE
endif
endef
FORCE:

$(eval $(call remember,build/locales,$(LOCALES)))

# A locale's review trail (translations/TAG.reviews) changes its pages'
# review notes; build/reviews changes when a trail appears or goes.
REVIEWS = $(wildcard translations/*.reviews)
$(eval $(call remember,build/reviews,$(REVIEWS)))

# Each locale's EPUB cover: the theme draws it (handbook cover, SVG) and
# rsvg-convert makes the PNG, 1200 x 1800, and a 200 x 300 thumbnail for
# opds.xml; the build packs them (--covers).
COVERS = build/covers
COVER_INPUTS = $(HB_INPUTS) $(wildcard content/logo.svg)

build/.deps-cover: | build/.deps-build
	@./tests/ensure-deps.sh $(DEB_COVER)
	@touch $@

make-cover = @t=$(basename $(@F)); mkdir -p $(COVERS) && \
	echo "./build/handbook cover --locale $$t | rsvg-convert > $@" && \
	./build/handbook cover --locale $$t -o $(COVERS)/$$t.svg && \
	rsvg-convert -w 200 -h 300 $(COVERS)/$$t.svg -o $(COVERS)/$$t.thumb.png && \
	rsvg-convert -w 1200 -h 1800 $(COVERS)/$$t.svg -o $@.tmp && mv $@.tmp $@

$(COVERS)/$(SOURCE_LOCALE).png: $(COVER_INPUTS) | build/.deps-cover
	$(make-cover)

$(COVERS)/%.png: translations/%.po $(COVER_INPUTS) | build/.deps-cover
	$(make-cover)

# Kept: a locale whose cover is there is not rebuilt for it.
.SECONDARY: $(LOCALES:%=$(COVERS)/%.png)

dist/.stamp-$(SOURCE_LOCALE): $(HB_INPUTS) $(COVERS)/$(SOURCE_LOCALE).png
	./build/handbook build --locale $(SOURCE_LOCALE) --covers $(COVERS)
	@touch $@

.SECONDEXPANSION:
dist/.stamp-%: translations/%.po $$(wildcard translations/$$*.reviews) \
    build/reviews $(HB_INPUTS) $(COVERS)/%.png
	./build/handbook build --locale $* --covers $(COVERS)
	@touch $@

# After the locales: the chooser and opds.xml link only PDFs and ZIMs
# newer than their locale (make tells the generator which; it reads
# nothing back from dist/).
build-root = @made=$$(for t in $(LOCALES); do \
	[ dist/handbook-$$t.pdf -nt dist/.stamp-$$t ] && printf ' --pdf %s' $$t; \
	[ dist/handbook-$$t.zim -nt dist/.stamp-$$t ] && printf ' --zim %s' $$t; \
	done); echo "./build/handbook build --root-only --covers $(COVERS)$$made"; \
	./build/handbook build --root-only --covers $(COVERS) $$made

dist/.stamp-root: $(HB_INPUTS) $(CATALOGS) $(REVIEWS) build/reviews \
    $(LOCALES:%=dist/.stamp-%)
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

# An untranslated or fuzzy entry in a shipped catalog fails make check (a
# reader would meet English fallback); COMPLETE= (empty) while a new
# language is under way.
# The booklet test makes its own booklets in a temporary folder: make check
# needs only pypdf (build/.deps-booklet), not `make booklet`.
COMPLETE ?= 1
check: build/.deps-check build/.deps-booklet build/handbook dist/.stamp zim \
    build/san/handbook build/san/test_units build/san/spec \
    $(FUZZ_TARGETS:%=build/san/replay_%)
	@HANDBOOK_COMPLETE=$(COMPLETE) ./tests/run-all.sh

# Rewrites the spec corpus's expected files (tests/spec/*/out.*) from what
# the generator makes now: review them with git diff before committing.
regen: build/san/spec
	@./tests/spec/run.sh --regen build/san/spec

# --- PDF per locale (WeasyPrint); PAPER=letter for US Letter ---

# A PDF is made again when its locale was rebuilt or the paper changed;
# then the chooser is rebuilt to link the PDFs.
PAPER ?= A4
export PAPER
$(eval $(call remember,build/paper,$(PAPER)))

pdf: $(LOCALES:%=dist/handbook-%.pdf)
	$(build-root)

dist/handbook-%.pdf: dist/.stamp-% build/paper
	@./tests/ensure-deps.sh $(DEB_PDF)
	@./tests/make-pdf.sh dist $*

# --- release: an edition to hand out (handbook build --release) ---

# Every locale, its zip and its PDF, into RELEASE_DIR; refused (exit 1,
# nothing written for that locale) while a placeholder is shown or a
# safety-critical chapter's translation is not reviewed. The default
# edition is always refused: its local contacts are a placeholder. An
# organisation's edition: make release EDITION=themes/example-ngo
EDITION     ?= themes/default
RELEASE_DIR ?= dist/release

release: build/handbook $(LOCALES:%=$(COVERS)/%.png)
	./build/handbook build --release --theme $(EDITION) --covers $(COVERS) \
	    --output $(RELEASE_DIR)
	@./tests/ensure-deps.sh $(DEB_PDF)
	@./tests/make-pdf.sh $(RELEASE_DIR)
	./build/handbook build --release --root-only --theme $(EDITION) \
	    --covers $(COVERS) --output $(RELEASE_DIR) $(LOCALES:%=--pdf %)
# --- Booklets: dist/handbook-<tag>-booklet.pdf (tests/make-booklet.sh) ---

# The print edition on A5 pages, two-up on A4 landscape sheets in
# saddle-stitch order (PAPER=letter: half-letter on US Letter). Made again
# when its locale was rebuilt, the paper changed or the imposition did.
# (The shorter stem wins: dist/handbook-%.pdf does not make these.)
BOOKLET_INPUTS = tests/make-booklet.sh tests/impose.py tests/render-pdf.sh

booklet: $(LOCALES:%=dist/handbook-%-booklet.pdf)

build/.deps-booklet: | build/.deps-build
	@./tests/ensure-deps.sh $(DEB_PDF) $(DEB_BOOKLET)
	@touch $@

dist/handbook-%-booklet.pdf: dist/.stamp-% build/paper $(BOOKLET_INPUTS) | build/.deps-booklet
	@./tests/make-booklet.sh dist $*

# --- the bilingual review edition of each translation (handbook review TAG) ---

# Rewritten whenever asked (a second per locale); the PDFs when the edition
# changed.
TRANSLATED = $(CATALOGS:translations/%.po=%)

review: build/handbook
	@for t in $(TRANSLATED); do \
	    ./build/handbook review $$t || exit 1; \
	done

review-pdf: $(TRANSLATED:%=dist/review/handbook-%-review.pdf)

REVIEW_INPUTS = build/handbook $(CONTENT) $(THEME) build/paper tests/make-review-pdf.sh tests/render-pdf.sh \
	$(wildcard translations/*.reviews translations/terminology/*.md)

dist/review/handbook-%-review.pdf: translations/%.po $(REVIEW_INPUTS)
	@./tests/ensure-deps.sh $(DEB_PDF)
	./build/handbook review $*
	@./tests/make-review-pdf.sh dist $*

# --- Kiwix: a ZIM file per locale (tests/make-zim.sh) ---

# A ZIM is made again when its locale was rebuilt or the packer or the
# logo changed.
ZIM_INPUTS = tests/make-zim.sh tests/zim.py content/logo.svg build/handbook

zim: $(LOCALES:%=dist/handbook-%.zim)
	$(build-root)

build/.deps-zim: | build/.deps-build
	@./tests/ensure-deps.sh $(DEB_ZIM)
	@touch $@

dist/handbook-%.zim: dist/.stamp-% $(ZIM_INPUTS) | build/.deps-zim
	@./tests/make-zim.sh dist $*

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

# .clang-format holds the style (STYLE.md B.10); format-check only tells
# (make check runs it).
FORMAT_FILES = generator/*.c generator/*.h tests/unit/*.c tests/spec/*.c
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

.PHONY: all help deps handbook update-po stats pdf booklet review review-pdf zim release bench fuzz check regen install uninstall clean format format-check FORCE
