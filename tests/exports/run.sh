#!/usr/bin/env bash
# Export every annotation set in sample_data in every format with the newsmark binary, then
# check the files with the real Python clients (spaCy, datasets, seqeval, pybrat,
# label-studio-converter). The virtual environment lives in target/py-venv and is reused.
# Prints 'N passed, M failed'; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/../.."

VENV=target/py-venv
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV" || { echo "cannot create $VENV"; exit 1; }
fi
if ! "$PY" -c "import spacy, seqeval, conllu, pybrat, label_studio_converter, datasets, sklearn, statsmodels, krippendorff" 2>/dev/null; then
    "$VENV/bin/pip" install --quiet spacy seqeval conllu pybrat label-studio-converter datasets \
        scikit-learn statsmodels krippendorff \
        || { echo "pip install failed"; exit 1; }
fi

cargo build --no-default-features --quiet || { echo "cargo build failed"; exit 1; }
BIN=${CARGO_TARGET_DIR:-target}/debug/newsmark
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

export_failures=0
export_passes=0
for format in jsonl spacy brat conll label-studio prodigy csv w3c; do
    if ! "$BIN" export --to "$format" sample_data -o "$OUT/$format" > "$OUT/$format.log" 2>&1; then
        echo "FAIL newsmark export --to $format sample_data"
        cat "$OUT/$format.log"
        export_failures=$((export_failures + 1))
    else
        echo "PASS newsmark export --to $format: $(tail -n 1 "$OUT/$format.log")"
        export_passes=$((export_passes + 1))
    fi
done

NEWSMARK_BIN="$BIN" EXPORTS_PASSED=$export_passes EXPORTS_FAILED=$export_failures \
    "$PY" tests/exports/check_exports.py "$OUT" sample_data | tee "$OUT/check.log"
status=${PIPESTATUS[0]}

# Right-to-left news (issue #14): Arabic, Hebrew, and Persian with English names
# (tests/exports/rtl, built by tests/formats_roundtrip.rs), through the same checks.
rtl_failures=0
for format in jsonl spacy brat conll label-studio prodigy csv w3c; do
    if ! "$BIN" export --to "$format" tests/exports/rtl -o "$OUT/rtl/$format" > "$OUT/rtl-$format.log" 2>&1; then
        echo "FAIL newsmark export --to $format tests/exports/rtl"
        cat "$OUT/rtl-$format.log"
        rtl_failures=$((rtl_failures + 1))
    fi
done
echo "== the same checks on right-to-left texts (tests/exports/rtl)"
NEWSMARK_BIN="$BIN" EXPORTS_FAILED=$rtl_failures \
    "$PY" tests/exports/check_exports.py "$OUT/rtl" tests/exports/rtl | tee "$OUT/check-rtl.log"
rtl_status=${PIPESTATUS[0]}

# Agreement: `newsmark agree --json` against scikit-learn, statsmodels and krippendorff.
echo "== agreement checked against scikit-learn, statsmodels and krippendorff"
"$PY" tests/exports/check_agreement.py "$BIN" "$OUT" | tee "$OUT/check-agreement.log"
agreement_status=${PIPESTATUS[0]}

passed=$(cat "$OUT/check.log" "$OUT/check-rtl.log" | grep -c '^PASS')
failed=$(cat "$OUT/check.log" "$OUT/check-rtl.log" | grep -c '^FAIL')
echo "exports: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$rtl_status" -eq 0 ] && [ "$agreement_status" -eq 0 ]
