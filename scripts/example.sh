#!/usr/bin/env bash
# The example study (examples/umkm-medan) analysed end to end, as a researcher would, in
# out/umkm-medan/: data in, condensation (codebook, autocoding, hand coding, memos), displays
# (matrices, co-occurrence, a network), verification (triangulation across methods and roles
# with recorded verdicts, member checks, claims with their evidence), the audit report and the
# audit trail's check. Every command is shown as it runs. SOURCE_DATE_EPOCH fixes the clock
# for each step, so two runs give the same outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# QDA_BIN runs another qda build (the tests do); QDA_EXAMPLE_OUT writes elsewhere.
if [ -z "${QDA_BIN:-}" ]; then scripts/bootstrap.sh; fi
qda="${QDA_BIN:-$root/build/qda}"
study="$root/examples/umkm-medan"
out="${QDA_EXAMPLE_OUT:-$root/out/umkm-medan}"

rm -rf "$out"
mkdir -p "$out"
cd "$out"
# What was sent to participants, kept with the outputs and named relative to them.
cp -r "$study/member-checks" .
export QDA_PROJECT="$out/project.qda" QDA_CODER="tim-peneliti"

# Each step runs on a fixed day of the study's calendar (SOURCE_DATE_EPOCH fixes qda's clock),
# so the audit trail has a timeline and a second run writes the same bytes.
step() {
  SOURCE_DATE_EPOCH="$(date -u -d "$1" +%s)"
  export SOURCE_DATE_EPOCH
  shift
  printf '\n## %s\n' "$*" >&2
}
# Show a qda command (with its output file, if any) and run it.
q() {
  local to="" a line="$ qda"
  if [ "${1:-}" = ">" ]; then to="$2"; shift 2; fi
  for a in "$@"; do
    if [[ $a =~ ^[A-Za-z0-9_./:=,+@%-]+$ ]]; then line+=" $a"; else line+=" '${a//\'/\'\\\'\'}'"; fi
  done
  printf '%s%s\n' "${line/$study/examples\/umkm-medan}" "${to:+ > $to}" >&2
  if [ -n "$to" ]; then "$qda" "$@" >"$to"; else "$qda" "$@"; fi
}

step 2024-08-01 "1. The data: 13 interviews, 4 observations, 3 documents, with cases and attributes"
q init --why "UMKM Medan study: competence building for AI-based digital marketing" >/dev/null
tail -n +2 "$study/manifest.tsv" | while IFS=$'\t' read -r file kind case participant; do
  q --quiet import "$study/$file" --kind "$kind" --case "$case" \
    --why "field data: $kind for case $case" >/dev/null
done
q participants interviewer Peneliti --why "the researcher's turns are the interviewer's"
q attr import "$study/attributes.csv" --entity case --key-column case --create \
  --why "case attributes from the study's table"
q attr import "$study/attributes.csv" --entity participant --key-column participant \
  --why "participant attributes (role, age group) from the study's table"
q ">" sources.tsv sources --format tsv

step 2024-08-05 "2. Condensation: codebook, autocoding, the team's codings, hand coding, memos"
q codebook import "$study/codebook.yaml" \
  --why "codebook: first-cycle codes and the paper's six themes as pattern codes" >/dev/null
q autocode "$study/autocode.yaml" \
  --why "first pass: keywords of five first-cycle codes, checked by hand next" >/dev/null
q codings import "$study/codings.tsv" --why "the team's sentence-level coding, made in a spreadsheet"
q code u04-dewi literasi-digital-rendah --match "nggak pakai AI sama sekali" \
  --memo "says she uses no AI; compare the observation of her shop" --why "Dewi's own account" >/dev/null
q code obs-2024-07-10-dewi ai-tanpa-sadar --match "fitur otomatis" --all \
  --why "observed: automatic features used daily" >/dev/null
q code u02-hendra delegasi-keluarga-muda --match "Fajar" --all \
  --why "the nephew who records and posts" >/dev/null
q memo add --on code:ai-tanpa-sadar --type analytic \
  "Pemilik memakai fitur otomatis marketplace setiap hari tanpa menyebutnya AI; bandingkan wawancara Kak Dewi dengan observasi tokonya." >/dev/null
q memo add --on project --type reflexive \
  "Peneliti hadir di pelatihan 8 Juni sebagai pengamat; kesan tentang fasilitator dicatat terpisah." >/dev/null
q memo add --on project --type method \
  "Triangulasi sumber dan metode: wawancara, observasi dan dokumen dibandingkan per tema; putusan dicatat dengan qda triangulate judge." >/dev/null
q ">" codebook.md codebook export --format md
q ">" codings.tsv codings --format tsv
q ">" freq.tsv freq --format tsv
q ">" retrieve-ai-tanpa-sadar.md retrieve "ai-tanpa-sadar" --no-interviewer --context 1 --format md

step 2024-08-12 "3. Displays"
q ">" code-by-case.tsv matrix --rows case --cols code --cell count --totals --format tsv
q ">" theme-by-case.md matrix --rows case --cols theme --cell count --totals --format md
q ">" theme-by-case.html matrix --rows case --cols theme --cell count --totals --format html
q ">" role-ordered.tsv matrix --rows participant --cols theme --cell count --no-interviewer \
  --order-rows attr:role --format tsv
q ">" role-ordered.md matrix --rows participant --cols theme --cell presence+quotes:1 \
  --no-interviewer --order-rows attr:role --format md
q ">" clustered-kesiapan.md matrix --rows participant --cols code:T5-kesiapan-psikologis-budaya \
  --cell quotes:1 --no-interviewer --drop-empty-rows --format md
q ">" case-ordered.tsv matrix --rows case --cols theme --cell count --order-rows attr:business_size \
  --format tsv
q ">" time-ordered.tsv matrix --rows theme --cols period:month --cell count --format tsv
q ">" checklist-kendala.md matrix --rows code:kendala --cols case --cell presence+quotes:1 \
  --no-interviewer --format md
q display save kerangka-tema --why "framework matrix for the write-up" \
  -- --rows case --cols theme --cell summary+count
q display cell kerangka-tema U04 T1-literasi-digital-ai-rendah \
  --summary "Menyangkal memakai AI, padahal fitur otomatis marketplace dipakai setiap hari" \
  --rating high >/dev/null
q ">" display-kerangka-tema.md display show kerangka-tema --format md
q ">" cooccur.md cooccur --level 2 --measure c --format md
q ">" cooccur.tsv cooccur --format tsv
q network add T4-kendala-sumber-daya T2-strategi-internal --kind leads-to \
  --why "lacking time and staff, owners hand marketing to young relatives and learn alone" >/dev/null
q network add T3-pelatihan-komunitas T1-literasi-digital-ai-rendah --kind reduces \
  --why "training and the community raise literacy where owners can attend" >/dev/null
q network add T5-kesiapan-psikologis-budaya T1-literasi-digital-ai-rendah --kind reinforces \
  --why "fear and shame keep owners from asking" >/dev/null
q ">" network.dot network show --format dot

step 2024-08-19 "4. Verification: triangulation across methods and roles, with the researcher's verdicts"
q ">" triangulation-methods-before.tsv triangulate --across kind --format tsv
q ">" evidence-T1-interview-observation.md triangulate evidence T1-literasi-digital-ai-rendah \
  --across kind --pair interview:observation --quotes 3 --format md
j() { q triangulate judge "$@" >/dev/null; }
j T1-literasi-digital-ai-rendah --across kind --pair interview:observation \
  --meaning disagree --examples disagree \
  --why "Kak Dewi says she uses no AI; the observation shows her accepting automatic ad bids and auto-reply every day"
j T1-literasi-digital-ai-rendah --across kind --pair document:interview --meaning agree --examples agree \
  --why "the training report and the owners both describe low AI literacy"
j T1-literasi-digital-ai-rendah --across kind --pair document:observation --meaning agree --examples disagree \
  --why "the report claims 85% can use AI; the observation of the same day shows a demonstration, not practice"
j T2-strategi-internal --across kind --pair interview:observation --meaning agree --examples disagree \
  --why "Pak Hendra says he posts himself every day; the observation shows his nephew posting two or three times a week"
j T2-strategi-internal --across kind --pair document:interview --meaning agree --examples agree \
  --why "the community guide and the owners both describe self-teaching from tutorials and relatives"
j T2-strategi-internal --across kind --pair document:observation --meaning agree --examples agree \
  --why "guide and observations show the same self-taught, delegated practice"
j T3-pelatihan-komunitas --across kind --pair document:observation --meaning disagree --examples disagree \
  --why "the report claims 100% attendance and success; the observation records late arrivals, 21 left after lunch, failed Wi-Fi"
j T3-pelatihan-komunitas --across kind --pair document:interview --meaning agree --examples disagree \
  --why "documents present training as accessible; owners say schedules clash with business hours"
j T3-pelatihan-komunitas --across kind --pair interview:observation --meaning agree --examples agree \
  --why "owners and observations agree that they could not practise after the training"
for pair in document:interview document:observation interview:observation; do
  j T4-kendala-sumber-daya --across kind --pair "$pair" --meaning agree --examples agree \
    --why "time, staff, devices, internet and cost appear alike in every method"
  j T6-kolaborasi-pentahelix --across kind --pair "$pair" --meaning agree --examples agree \
    --why "government, campus, company and community roles are described alike"
done
j T5-kesiapan-psikologis-budaya --across kind --pair document:interview --meaning disagree --examples disagree \
  --why "the documents are silent on fear, shame and distrust that run through the owners' interviews"
j T5-kesiapan-psikologis-budaya --across kind --pair document:observation --meaning disagree --examples disagree \
  --why "the training report does not mention the hesitation the observation of the same day records"
j T5-kesiapan-psikologis-budaya --across kind --pair interview:observation --meaning agree --examples agree \
  --why "fear of being cheated and shame at being gaptek are said and seen"
q ">" triangulation-methods.tsv triangulate --across kind --format tsv
q ">" triangulation-methods.md triangulate --across kind --format md
q ">" triangulation-methods.html triangulate --across kind --format html
j T6-kolaborasi-pentahelix --across attr:role --pair fasilitator:pemilik --meaning agree --examples disagree \
  --why "facilitators name campuses and interns often; owners hardly mention universities"
j T6-kolaborasi-pentahelix --across attr:role --pair komunitas:pemilik --meaning agree --examples disagree \
  --why "the community coordinator names UMSU interns; owners do not"
j T6-kolaborasi-pentahelix --across attr:role --pair fasilitator:komunitas --meaning agree --examples agree \
  --why "facilitators and the community describe the same partners"
j T3-pelatihan-komunitas --across attr:role --pair fasilitator:pemilik --meaning disagree --examples disagree \
  --why "facilitators call training free and accessible; owners say it clashes with their hours and is far away"
q ">" triangulation-roles.tsv triangulate --across attr:role --format tsv
q ">" triangulation-roles.md triangulate --across attr:role --format md
q ">" triangulation-codes-roles.md triangulate --across attr:role --level 1 \
  --themes kolaborasi-kampus,kesiapan-budaya,kendala-waktu --format md

step 2024-08-26 "5. Verification: claims with evidence, member checks"
q claim add "Pemilik UMKM memakai fitur berbasis AI di marketplace tanpa menyebutnya AI" \
  --theme T1-literasi-digital-ai-rendah --evidence-query ai-tanpa-sadar >/dev/null
q claim add "Literasi digital dan AI pemilik UMKM rendah" \
  --theme T1-literasi-digital-ai-rendah --evidence-query literasi-digital-rendah >/dev/null
q claim add "Kompetensi dibangun lewat strategi internal: keluarga muda, YouTube, mahasiswa magang, coba-coba" \
  --theme T2-strategi-internal --evidence-query T2-strategi-internal >/dev/null
q claim add "Pelatihan pemerintah dan komunitas membantu, tetapi jadwal dan tempat menyulitkan pemilik" \
  --theme T3-pelatihan-komunitas --evidence-query "T3-pelatihan-komunitas NEAR/2 kendala-waktu OR pelatihan-dinas" >/dev/null
q claim add "Waktu, tenaga terampil, perangkat, internet dan biaya membatasi pemakaian AI" \
  --theme T4-kendala-sumber-daya --evidence-query T4-kendala-sumber-daya >/dev/null
q claim add "Takut, malu gaptek dan tidak percaya pada otomatisasi menahan pemilik" \
  --theme T5-kesiapan-psikologis-budaya --evidence-query T5-kesiapan-psikologis-budaya >/dev/null
q claim add "Kolaborasi pentahelix (pemerintah, kampus, perusahaan, komunitas) diperlukan" \
  --theme T6-kolaborasi-pentahelix --evidence-query T6-kolaborasi-pentahelix >/dev/null
q membercheck send --participant "Kak Dewi" --artifact member-checks/ringkasan-u04-dewi.md \
  --channel WhatsApp --date 2024-08-15
q membercheck respond --participant "Kak Dewi" --file member-checks/balasan-u04-dewi.txt \
  --date 2024-08-20
q membercheck verdict --participant "Kak Dewi" --claim 1 --verdict amended \
  --action "claim 1 now says the owner does not regard these features as AI"
q claim revise 1 "Pemilik UMKM memakai fitur berbasis AI di marketplace tanpa menganggapnya AI" \
  --why "member check 1: Kak Dewi accepts the features, rejects the label AI" >/dev/null
q membercheck verdict --participant "Kak Dewi" --claim 3 --verdict confirmed \
  --action "kept; she learns from friends, not from training"
q membercheck send --participant "Pak Hendra" --artifact member-checks/ringkasan-u02-hendra.md \
  --channel "in person" --date 2024-08-16
q membercheck none --participant "Pak Hendra" --date 2024-09-01
q ">" memberchecks.tsv membercheck list --format tsv
q ">" claims.tsv claim list --format tsv
q ">" claim-1.md claim show 1 --format md

step 2024-09-02 "6. The audit report and the audit trail"
q audit report --format md --out audit-report.md
q audit report --format html --out audit-report.html
q ">" audit-log.tsv audit log --format tsv
q audit verify

echo >&2
echo "Example study done. Outputs in $out:" >&2
for f in *; do echo "  $out/$f"; done
echo "Try: QDA_PROJECT=$out/project.qda $qda claim show 1" >&2
