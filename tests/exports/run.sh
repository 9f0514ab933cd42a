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
BIN=target/debug/newsmark
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
    "$PY" tests/exports/check_exports.py "$OUT" sample_data
exports_status=$?

# Agreement: `newsmark agree --json` against scikit-learn, statsmodels and krippendorff.
"$PY" tests/exports/check_agreement.py "$BIN" "$OUT"
agreement_status=$?
[ "$exports_status" -eq 0 ] && [ "$agreement_status" -eq 0 ]
