#!/usr/bin/env bash
# Run the example study (examples/umkm-medan) end to end in out/example/:
# create a project, import the interviews, observations and documents with their cases,
# attach case and participant attributes, mark the interviewer, list what was found and
# verify the audit trail.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

scripts/bootstrap.sh
qda="$root/build/qda"
study="$root/examples/umkm-medan"
out="$root/out/example"

rm -rf "$out"
mkdir -p "$out"
cd "$out"
export QDA_PROJECT="$out/project.qda" QDA_CODER="tim-peneliti"

"$qda" init --why "UMKM Medan study: competence building for AI-based digital marketing"

# One import per file, with the kind and case of the study's manifest.
tail -n +2 "$study/manifest.tsv" | while IFS=$'\t' read -r file kind case participant; do
  "$qda" --quiet import "$study/$file" --kind "$kind" --case "$case" \
    --why "field data: $kind for case $case" >/dev/null
done

"$qda" participants interviewer Peneliti --why "the researcher's turns are the interviewer's"
"$qda" attr import "$study/attributes.csv" --entity case --key-column case --create \
  --why "case attributes from the study's table"
"$qda" attr import "$study/attributes.csv" --entity participant --key-column participant \
  --why "participant attributes (role, age group) from the study's table"
"$qda" codebook import "$study/codebook.yaml" \
  --why "codebook: first-cycle codes and the paper's six themes as pattern codes" >/dev/null
"$qda" autocode "$study/autocode.yaml" --why "first pass: keywords of five first-cycle codes, checked by hand next" >/dev/null

"$qda" sources > sources.txt
"$qda" sources --format tsv > sources.tsv
"$qda" cases --format tsv > cases.tsv
"$qda" participants --format tsv > participants.tsv
"$qda" attr list --format tsv > attributes.tsv
"$qda" segments u04-dewi --unit turn --text --format tsv > segments-u04-dewi.tsv
"$qda" segments obs-2024-07-10-dewi --unit entry --text --format tsv > entries-obs-dewi.tsv
"$qda" codebook export --format md > codebook.md
"$qda" audit log --format tsv > audit-log.tsv
"$qda" audit verify

cat sources.txt
echo
echo "Example study done. Outputs in $out:"
for f in project.qda sources.tsv cases.tsv participants.tsv attributes.tsv segments-u04-dewi.tsv entries-obs-dewi.tsv codebook.md audit-log.tsv; do
  echo "  $out/$f"
done
echo "Try: QDA_PROJECT=$out/project.qda $qda sources show u01-rina"
