#!/bin/sh
# install-deps.sh -- installs what the build needs when it is missing.
#
# Called by make before anything is compiled.  On Debian/Ubuntu it installs
# the missing -dev packages with apt-get (through sudo when not root) and
# says so; elsewhere it names what is missing and fails.
need=""
have_pc() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v cc >/dev/null 2>&1         || need="$need gcc"
command -v sqlite3 >/dev/null 2>&1    || need="$need sqlite3"
have_pc sqlite3     || need="$need libsqlite3-dev"
have_pc libpcre2-8  || need="$need libpcre2-dev"
have_pc libutf8proc || need="$need libutf8proc-dev"
have_pc libxml-2.0  || need="$need libxml2-dev"
[ -z "$need" ] && exit 0

echo "therapy: missing packages:$need"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "therapy: no apt-get here; install the equivalents of:$need" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "therapy: installing them with ${sudo:+sudo }apt-get"
$sudo apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need || exit 1
