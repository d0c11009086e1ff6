#!/usr/bin/env bash
# Builds the answering-machine-detection corpus (48 human answers, 48 machine
# greetings, synthesised with espeak-ng and sox from the fixed lists in
# AmdCorpusTest) and keeps it as 8 kHz mono 16-bit WAV files plus corpus.tsv
# (file, expected verdict, beep end in ms, description), e.g. for SIPp's
# rtp_stream in real calls. Also prints the detector's figures on it.
# Usage: scripts/amd-corpus.sh [DIR]   (default target/amd-corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/amd-corpus}")"
for tool in espeak-ng sox; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "scripts/amd-corpus.sh: $tool is missing: apt-get install -y espeak-ng sox" >&2
    exit 1
  fi
done
mvn -o -q -B -pl media-rtp test -Dtest='AmdCorpusTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Damd.corpus.dir="$out"
grep -h 'AMD corpus' media-rtp/target/surefire-reports/io.dialer.media.amd.AmdCorpusTest-output.txt | sed 's/^.* - //' | sort -u
echo "corpus: $out ($(($(wc -l <"$out/corpus.tsv") - 1)) files, see corpus.tsv)"
