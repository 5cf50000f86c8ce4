#!/usr/bin/env bash
# Run the example study (examples/umkm-medan) end to end in out/example/:
# create a project, import the interviews, observations and documents with their cases,
# attach case and participant attributes, mark the interviewer, import the codebook, code by
# rules and by hand, write memos, retrieve and search, list what was found and verify the
# audit trail.
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

# Coding by hand: the passages behind two of the study's planted tensions.
"$qda" code u04-dewi literasi-digital-rendah --match "nggak pakai AI sama sekali" \
  --memo "says she uses no AI; compare the observation of her shop" --why "Dewi's own account" >/dev/null
"$qda" code obs-2024-07-10-dewi ai-tanpa-sadar --match "fitur otomatis" --all \
  --why "observed: automatic features used daily" >/dev/null
"$qda" code u02-hendra delegasi-keluarga-muda --match "Fajar" --all \
  --why "the nephew who records and posts" >/dev/null
"$qda" memo add --on code:ai-tanpa-sadar --type analytic \
  "Pemilik memakai fitur otomatis marketplace setiap hari tanpa menyebutnya AI; bandingkan wawancara Kak Dewi dengan observasi tokonya." >/dev/null
"$qda" memo add --on project --type reflexive \
  "Peneliti hadir di pelatihan 8 Juni sebagai pengamat; kesan tentang fasilitator dicatat terpisah." >/dev/null

"$qda" sources > sources.txt
"$qda" sources --format tsv > sources.tsv
"$qda" cases --format tsv > cases.tsv
"$qda" participants --format tsv > participants.tsv
"$qda" attr list --format tsv > attributes.tsv
"$qda" segments u04-dewi --unit turn --text --format tsv > segments-u04-dewi.tsv
"$qda" segments obs-2024-07-10-dewi --unit entry --text --format tsv > entries-obs-dewi.tsv
"$qda" codebook export --format md > codebook.md
"$qda" codes tree > codes-tree.txt
"$qda" codings --format tsv > codings.tsv
"$qda" retrieve "ai-tanpa-sadar OR literasi-digital-rendah" --no-interviewer --format tsv > retrieve-ai.tsv
"$qda" retrieve "T2-strategi-internal" --no-interviewer --context 1 --format md > retrieve-strategi-internal.md
"$qda" search "fitur otomatis" --format tsv > search-fitur-otomatis.tsv
"$qda" memo list --format tsv > memos.tsv
"$qda" audit log --format tsv > audit-log.tsv
"$qda" audit verify

cat sources.txt
echo
echo "Example study done. Outputs in $out:"
for f in project.qda sources.tsv cases.tsv participants.tsv attributes.tsv segments-u04-dewi.tsv \
  entries-obs-dewi.tsv codebook.md codes-tree.txt codings.tsv retrieve-ai.tsv retrieve-strategi-internal.md \
  search-fitur-otomatis.tsv memos.tsv audit-log.tsv; do
  echo "  $out/$f"
done
echo "Try: QDA_PROJECT=$out/project.qda $qda sources show u01-rina"
