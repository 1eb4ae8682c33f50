#!/usr/bin/python3
"""Makes the subsets of the fonts picture embeds (run from the repository's root).

Needs fonttools (Debian: python3-fonttools), DejaVu Sans (fonts-dejavu-core)
and WenQuanYi Micro Hei (fonts-wqy-microhei, or the .ttc from its .deb).

Latin and Cyrillic come from DejaVu Sans: every Latin and Cyrillic letter,
Kazakh's included, the Latin Kazakh alphabets, and the punctuation and
signs the pictures draw. Chinese comes from WenQuanYi Micro Hei: the 3,755
characters of GB2312 level 1, the commonest, for students' names, and every
Han character of the bot's own strings, knowledge base and questions.
"""
import pathlib, re, subprocess, sys

ROOT = pathlib.Path(".")
OUT = ROOT / "picture" / "fonts"
DEJAVU = pathlib.Path("/usr/share/fonts/truetype/dejavu")
WQY = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

latin = "U+0020-007E,U+00A0-024F,U+0259,U+02BC,U+0300-036F,U+0400-052F,U+1E00-1EFF,U+2010-2027,U+2030-205E,U+20A0-20C0,U+2116,U+2190-2199,U+2212,U+2713,U+25A0-25CF"

han = set()
for b1 in range(0xB0, 0xF8):  # GB2312 levels 1 and 2
    for b2 in range(0xA1, 0xFF):
        try:
            han.add(bytes([b1, b2]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for pattern in ["bot/*.go", "knowledge/data/**/*.json", "quiz/data/**/*", "picture/*.go"]:
    for f in ROOT.glob(pattern):
        if f.is_file():
            han.update(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", f.read_text(errors="ignore")))
han.update("，。：；！？（）、“”《》·…—")
text = OUT / "han.txt"
text.write_text("".join(sorted(han)), encoding="utf-8")

def subset(src, dst, *args):
    subprocess.run(["/usr/bin/python3", "-m", "fontTools.subset", str(src), "--output-file=" + str(OUT / dst), "--no-hinting",
                    "--desubroutinize", "--layout-features=*", *args], check=True)

subset(DEJAVU / "DejaVuSans.ttf", "DejaVuSans-subset.ttf", "--unicodes=" + latin)
subset(DEJAVU / "DejaVuSans-Bold.ttf", "DejaVuSans-Bold-subset.ttf", "--unicodes=" + latin)
subset(WQY, "WenQuanYiMicroHei-subset.ttf", "--font-number=0", "--text-file=" + str(text), "--unicodes=U+0020")
text.unlink()
