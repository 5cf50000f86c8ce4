"""A small project with hand-placed codings, shared by the matrix, display and freq tests.

Each coding is listed with the participant whose turn it starts in, so the expected counts are
computed here, independently of qda, from the list."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import Scenario, check  # noqa: E402

TEXTS = {
    "a1.txt": ("interview", "C1",
               "Peneliti: Apa kabar usaha Ibu hari ini?\n"
               "Bu Ani: Baik, kami pakai fitur otomatis Shopee setiap hari.\n"
               "Peneliti: Siapa yang bantu pemasaran?\n"
               "Bu Ani: Anak saya yang pegang HP, waktunya tidak ada.\n"),
    "b1.txt": ("interview", "C2",
               "Peneliti: Bagaimana dengan biaya iklan?\n"
               "Pak Budi: Biaya iklan mahal sekali buat kami.\n"
               "Peneliti: Belajar dari mana?\n"
               "Pak Budi: Dari YouTube, otodidak saja.\n"),
    "c1.txt": ("interview", "C3",
               "Peneliti: Halo, Bu.\n"
               "Bu Cici: Halo juga.\n"
               "Peneliti: Usaha apa?\n"
               "Bu Cici: Jahit.\n"),
    "d1.txt": ("document", "C1",
               "Laporan pelatihan. Peserta belajar dari YouTube dan mengeluh soal waktu.\n"),
    "o1.md": ("observation", "C2",
              "# Catatan lapangan\n\n"
              "2024-06-08 10:00\n\n"
              "Pak Budi membuka iklan otomatis di toko.\n\n"
              "2024-07-10 09:30\n\n"
              "Pak Budi menonton YouTube tentang iklan.\n"),
}

CODEBOOK = """codes:
  - name: kendala
    children:
      - name: kendala-waktu
      - name: kendala-biaya
  - name: belajar
    children:
      - name: belajar-youtube
      - name: delegasi
  - name: ai-tanpa-sadar
  - name: T-kendala
    cycle: 2
    members: [kendala-waktu, kendala-biaya]
  - name: T-belajar
    cycle: 2
    members: [belajar-youtube, delegasi, ai-tanpa-sadar]
"""

# (source, text, code, coder, participant of the turn it starts in or None, date or None)
CODINGS = [
    ("a1", "fitur otomatis Shopee", "ai-tanpa-sadar", "tester", "Bu Ani", "2024-06-19"),
    ("a1", "Anak saya yang pegang HP", "delegasi", "tester", "Bu Ani", "2024-06-19"),
    ("a1", "waktunya tidak ada", "kendala-waktu", "tester", "Bu Ani", "2024-06-19"),
    ("a1", "Apa kabar usaha Ibu", "kendala-waktu", "tester", "Peneliti", "2024-06-19"),
    ("b1", "Biaya iklan mahal sekali", "kendala-biaya", "tester", "Pak Budi", None),
    ("b1", "Biaya iklan mahal sekali", "kendala-biaya", "rina", "Pak Budi", None),
    ("b1", "Dari YouTube", "belajar-youtube", "tester", "Pak Budi", None),
    ("d1", "belajar dari YouTube", "belajar-youtube", "tester", None, None),
    ("d1", "soal waktu", "kendala-waktu", "tester", None, None),
    ("o1", "membuka iklan otomatis", "ai-tanpa-sadar", "tester", None, "2024-06-08"),
    ("o1", "menonton YouTube", "belajar-youtube", "tester", None, "2024-07-10"),
    ("a1", "kami pakai fitur", "kendala", "tester", "Bu Ani", "2024-06-19"),
]

CASE = {"a1": "C1", "b1": "C2", "c1": "C3", "d1": "C1", "o1": "C2"}
KIND = {"a1": "interview", "b1": "interview", "c1": "interview", "d1": "document", "o1": "observation"}
PARENT = {"kendala-waktu": "kendala", "kendala-biaya": "kendala", "belajar-youtube": "belajar",
          "delegasi": "belajar"}
THEMES = {"T-kendala": ["kendala-waktu", "kendala-biaya"],
          "T-belajar": ["belajar-youtube", "delegasi", "ai-tanpa-sadar"]}
FIRST_CYCLE = ["kendala", "kendala-waktu", "kendala-biaya", "belajar", "belajar-youtube",
               "delegasi", "ai-tanpa-sadar"]


def build():
    s = Scenario()
    for name, (kind, case, text) in TEXTS.items():
        s.write(name, text)
        s.ok("import", name, "--kind", kind, "--case", case)
    s.ok("participants", "interviewer", "Peneliti")
    s.ok("attr", "set", "--case", "C1", "sector=kuliner", "years=9")
    s.ok("attr", "set", "--case", "C2", "sector=fashion", "years=14")
    s.ok("attr", "set", "--case", "C3", "sector=kuliner", "years=2")
    s.ok("attr", "set", "--source", "a1", "date=2024-06-19")
    s.ok("attr", "set", "--participant", "Bu Ani", "role=pemilik")
    s.ok("attr", "set", "--participant", "Pak Budi", "role=pemilik")
    s.ok("attr", "set", "--participant", "Bu Cici", "role=karyawan")
    s.write("codebook.yaml", CODEBOOK)
    s.ok("codebook", "import", "codebook.yaml")
    rows = ["source\tstart\tend\tcode\tcoder\ttext"]
    for src, text, code, coder, _, _ in CODINGS:
        body = [t for n, (_, _, t) in TEXTS.items() if n.split(".")[0] == src][0]
        start = body.index(text)
        rows.append(f"{src}\t{start}\t{start + len(text)}\t{code}\t{coder}\t{text}")
    s.write("codings.tsv", "\n".join(rows) + "\n")
    s.ok("codings", "import", "codings.tsv")
    got = s.ok("codings", "--format", "json").json()["codings"]
    check(len(got) == len(CODINGS), f"{len(got)} codings imported")
    return s


def expect(key_row, key_col, measure="count", where=lambda c: True):
    """Expected cells {(row, col): value} from CODINGS; key_* map a coding to a list of members."""
    cells = {}
    for c in CODINGS:
        if not where(c):
            continue
        for r in key_row(c):
            for k in key_col(c):
                cells.setdefault((r, k), []).append(c)
    out = {}
    for rc, cs in cells.items():
        if measure == "count":
            out[rc] = len(cs)
        elif measure == "sources":
            out[rc] = len({c[0] for c in cs})
        elif measure == "participants":
            out[rc] = len({c[4] for c in cs if c[4]})
    return {rc: v for rc, v in out.items() if v}


def by_case(c):
    return [CASE[c[0]]]


def by_code(c):
    return [c[2]]


def by_theme(c):
    return [t for t, ms in THEMES.items() if c[2] in ms]


def cells_of(result, measure="count"):
    """{(row label, col label): value} of the non-empty cells of a qda.matrix/1 JSON result."""
    rows = [r["label"] for r in result["rows"]]
    cols = [c["label"] for c in result["columns"]]
    return {(rows[c["row"]], cols[c["col"]]): c[measure] for c in result["cells"] if c[measure]}
