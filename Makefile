# therapy -- SQLite extension for articles about gene and cell therapies.
#
#   make            build/therapy.so (loadable extension)
#   make static     build/libtherapy.a (linked into programs, -DSQLITE_CORE)
#   make test       the whole suite; last line "N passed, M failed"
#   make sanitize   the same suite built with ASan + UBSan
#   make bench      MB/s per function on a generated >= 200 MB corpus
#   make eval       page cleaning and extract_trials against hand-labelled answers
#   make demo       load samples/ into build/corpus.db and print the report
#   make install PREFIX=/usr/local
#
# Missing libraries are installed first (scripts/install-deps.sh).

PKGS     = sqlite3 libpcre2-8 libutf8proc libxml-2.0
EXTLIBS  = libpcre2-8 libutf8proc libxml-2.0
BUILD   ?= build
PREFIX  ?= /usr/local
SANFLAGS ?=

UNAME := $(shell uname -s)
ifeq ($(UNAME),Darwin)
  SOEXT = dylib
  SOFLAGS = -dynamiclib -undefined dynamic_lookup
else
  SOEXT = so
  SOFLAGS = -shared
endif

VERSION := $(shell cat VERSION)
GITREV  := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

# Recursively expanded: pkg-config runs after the deps step has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
EXT_LIBS   = $(shell pkg-config --libs $(EXTLIBS)) -lm
ALL_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm

CFLAGS  ?= -O2
WARN     = -std=c11 -Wall -Wextra -Werror
DEFS     = -DTHERAPY_VERSION='"$(VERSION)"' -DTHERAPY_GIT='"$(GITREV)"'
COMPILE  = $(CC) $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC $(DEFS) -Iinclude -Iext $(PKG_CFLAGS)

# Data files (data/*.txt) are compiled in as C arrays (scripts/embed.awk);
# the lexicon's TSV files (data/lexicon/*.tsv) become one array.
DATA     = $(patsubst data/%.txt,%,$(wildcard data/*.txt)) lexicon
LEXICON  = $(sort $(wildcard data/lexicon/*.tsv))
SRCS     = $(wildcard ext/*.c)
HDRS     = $(wildcard ext/*.h) include/therapy.h
EXT_OBJS = $(SRCS:ext/%.c=$(BUILD)/obj/%.o) $(DATA:%=$(BUILD)/obj/data_%.o)
LIB_OBJS = $(SRCS:ext/%.c=$(BUILD)/static/%.o) $(DATA:%=$(BUILD)/static/data_%.o)
UNIT_SRCS = $(wildcard tests/unit_*.c)

EXT      = $(BUILD)/therapy.$(SOEXT)
STATIC   = $(BUILD)/libtherapy.a

.PHONY: all static test sanitize bench eval demo install clean deps
all: $(EXT)
static: $(STATIC)

deps:
	@sh scripts/install-deps.sh

$(BUILD)/obj/%.o: ext/%.c $(HDRS) VERSION | deps
	@mkdir -p $(@D)
	$(COMPILE) -c $< -o $@

$(BUILD)/static/%.o: ext/%.c $(HDRS) VERSION | deps
	@mkdir -p $(@D)
	$(COMPILE) -DSQLITE_CORE -c $< -o $@

$(BUILD)/gen/data_%.c: data/%.txt scripts/embed.awk
	@mkdir -p $(@D)
	LC_ALL=C awk -v name=$* -f scripts/embed.awk $< > $@

$(BUILD)/gen/data_lexicon.c: $(LEXICON) scripts/embed.awk
	@mkdir -p $(@D)
	cat $(LEXICON) | LC_ALL=C awk -v name=lexicon -f scripts/embed.awk > $@

$(BUILD)/obj/data_%.o: $(BUILD)/gen/data_%.c
	$(COMPILE) -c $< -o $@

$(BUILD)/static/data_%.o: $(BUILD)/gen/data_%.c
	$(COMPILE) -c $< -o $@

$(EXT): $(EXT_OBJS)
	$(CC) $(SANFLAGS) $(SOFLAGS) -o $@ $(EXT_OBJS) $(EXT_LIBS)

$(STATIC): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(BUILD)/runner: tests/runner.c | deps
	@mkdir -p $(@D)
	$(COMPILE) -o $@ $< $(ALL_LIBS)

$(BUILD)/unit: $(UNIT_SRCS) tests/unit.h $(STATIC)
	$(COMPILE) -DSQLITE_CORE -o $@ $(UNIT_SRCS) $(STATIC) $(ALL_LIBS)

$(BUILD)/static_demo: tests/static_demo.c $(STATIC)
	$(COMPILE) -pthread -o $@ $< $(STATIC) $(ALL_LIBS)

$(BUILD)/eval: tests/eval.c $(STATIC)
	$(COMPILE) -DSQLITE_CORE -o $@ $< $(STATIC) $(ALL_LIBS)

$(BUILD)/bench: tests/bench.c tests/samples_io.c tests/samples_io.h | deps
	@mkdir -p $(@D)
	$(COMPILE) -o $@ tests/bench.c tests/samples_io.c $(ALL_LIBS)

$(BUILD)/bench_corpus: tests/bench_corpus.c tests/samples_io.c tests/samples_io.h | deps
	@mkdir -p $(@D)
	$(COMPILE) -o $@ tests/bench_corpus.c tests/samples_io.c $(ALL_LIBS)

test: $(EXT) $(BUILD)/runner $(BUILD)/unit $(BUILD)/static_demo
	@sh tests/run.sh $(BUILD)

sanitize:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" test

bench: $(EXT) $(BUILD)/bench $(BUILD)/bench_corpus
	$(BUILD)/bench $(EXT) samples
	$(BUILD)/bench_corpus $(EXT) samples $(BUILD)/bench-files

eval: $(BUILD)/eval $(EXT)
	$(BUILD)/eval samples
	$(BUILD)/eval samples/heldout
	$(BUILD)/eval samples/heldout2
	sh scripts/eval_trials.sh $(BUILD)/therapy samples/trials/dev
	sh scripts/eval_trials.sh $(BUILD)/therapy samples/trials/heldout
	sh scripts/eval_trials.sh $(BUILD)/therapy samples/trials/dev2
	sh scripts/eval_trials.sh $(BUILD)/therapy samples/trials/heldout2

demo: $(EXT)
	@rm -f $(BUILD)/corpus.db
	sqlite3 $(BUILD)/corpus.db -cmd ".load $(BUILD)/therapy" < sql/load_samples.sql
	sqlite3 $(BUILD)/corpus.db -cmd ".load $(BUILD)/therapy" < sql/report.sql

install: $(EXT) $(STATIC)
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include
	install -m 644 $(EXT) $(DESTDIR)$(PREFIX)/lib/therapy.$(SOEXT)
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libtherapy.a
	install -m 644 include/therapy.h $(DESTDIR)$(PREFIX)/include/therapy.h

clean:
	rm -rf build
.SECONDARY:
