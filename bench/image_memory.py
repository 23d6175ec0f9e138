"""Peak memory of making an image's renditions (issue 15, item 3; docs/reliability.md).

    .venv/bin/python bench/image_memory.py            # the issue's bomb, and the worst taken

Each case runs in a fresh process that makes the renditions public pages ask for (cards, the
hero's widths, the social card: ``warta/newsroom/renditions.py``) with Wagtail's own filters,
and prints its peak resident memory (VmHWM) and the time per rendition. ``--one PATH`` is that
process; ``--check PATH`` measures the upload's check alone (``image_checks.image_checked``).
"""

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> int:
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))
    return int(peak) // 1024


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _check(path: str) -> None:
    """The upload's check (image_checks.image_checked) alone, as a request makes it."""
    _setup()
    from warta.newsroom.image_checks import ImageRefused, image_checked

    before = _peak_mb()
    started = time.perf_counter()
    try:
        image_checked(Path(path).read_bytes())
        outcome = "taken"
    except ImageRefused as refused:
        outcome = f"refused ({refused})"
    took = time.perf_counter() - started
    print(f"check: {outcome}, {_peak_mb() - before} MB over start, {took:.2f} s")


def _one(path: str) -> None:
    _setup()
    from django.core.files import File
    from PIL import Image
    from wagtail.images.models import Filter

    from warta.newsroom import renditions
    from warta.newsroom.models import NewsImage

    Image.MAX_IMAGE_PIXELS = None  # the process measures decoding, not the guards
    with Image.open(path) as probe:
        width, height = probe.size
    image = NewsImage(title="bench", width=width, height=height, collection_id=1)
    specs = (*renditions.CARD_SRCSET, *renditions.HERO, renditions.SOCIAL)
    started = time.perf_counter()
    for spec in specs:
        with open(path, "rb") as source:
            Filter(spec=spec).run(image, io.BytesIO(), source=File(source))
    each = (time.perf_counter() - started) / len(specs)
    print(f"renditions: {_peak_mb()} MB peak, {each:.2f} s each ({len(specs)} of them)")


def _cases(folder: Path) -> list[tuple[str, Path]]:
    from PIL import Image

    made = []
    bomb = folder / "bomb.png"
    Image.new("1", (11000, 11000), 0).save(bomb, optimize=True)
    made.append(("bomb: 11000x11000 1-bit PNG (121 MP, refused now)", bomb))
    rgba = folder / "rgba.png"
    Image.new("RGBA", (8660, 5773), (30, 90, 160, 255)).save(rgba)
    made.append(("worst taken: 8660x5773 RGBA PNG (50.0 MP)", rgba))
    jpeg = folder / "camera.jpg"
    Image.linear_gradient("L").resize((8256, 5504)).convert("RGB").save(jpeg, quality=90)
    made.append(("camera: 8256x5504 JPEG (45.4 MP)", jpeg))
    return made


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2])
        return
    if sys.argv[1:2] == ["--check"]:
        _check(sys.argv[2])
        return
    with tempfile.TemporaryDirectory() as folder:
        for label, path in _cases(Path(folder)):
            print(f"{label}, {path.stat().st_size / 1024:,.1f} KB:")
            for phase in ("--check", "--one"):
                out = subprocess.run(
                    [sys.executable, __file__, phase, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                print(f"  {out.stdout.strip()}")


if __name__ == "__main__":
    main()
