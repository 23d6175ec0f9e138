"""Illustrations drawn by code, so the demo needs no downloads and carries no one's photos.

Each motif is a simple flat scene; the same key always draws the same picture.
"""

import io
import random
from collections.abc import Callable

from PIL import Image, ImageColor, ImageDraw

from .content_types import Picture

WIDTH, HEIGHT = 1600, 1000

PALETTES: dict[str, tuple[str, str, str, str]] = {
    # sky top, sky bottom, ground/shapes, accent
    "dawn": ("#f6c9a8", "#fbe8d0", "#5b4a6b", "#e76f51"),
    "dusk": ("#3d2c5a", "#f08a5d", "#2a1f3d", "#ffd166"),
    "noon": ("#6fb7e8", "#d7eefa", "#3f6e4b", "#f4d35e"),
    "night": ("#0b1026", "#2b3a67", "#10152b", "#f7d488"),
    "jade": ("#9fd8cb", "#e3f4ef", "#2d6a4f", "#d08c60"),
    "clay": ("#d9a07b", "#f3dcc5", "#7a4a32", "#2f4858"),
    "ocean": ("#2a6f97", "#a9d6e5", "#01497c", "#f9c74f"),
    "ember": ("#7f1d1d", "#f59e0b", "#3b0d0d", "#fde68a"),
}


def _gradient(draw: ImageDraw.ImageDraw, top: str, bottom: str) -> None:
    t, b = ImageColor.getrgb(top), ImageColor.getrgb(bottom)
    for y in range(HEIGHT):
        f = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(int(t[i] + (b[i] - t[i]) * f) for i in range(3)))


def _skyline(d, rnd, ground, accent):
    x = 0
    while x < WIDTH:
        w, h = rnd.randint(70, 180), rnd.randint(200, 640)
        d.rectangle([x, HEIGHT - h, x + w, HEIGHT], fill=ground)
        for wy in range(HEIGHT - h + 30, HEIGHT - 40, 60):
            for wx in range(x + 15, x + w - 20, 40):
                if rnd.random() < 0.35:
                    d.rectangle([wx, wy, wx + 14, wy + 22], fill=accent)
        x += w + rnd.randint(4, 30)


def _sea(d, rnd, ground, accent):
    d.ellipse([1050, 180, 1330, 460], fill=accent)
    for i in range(14):
        y = 560 + i * 32
        d.arc([-200 + (i % 2) * 120, y, WIDTH + 200, y + 160], 180, 360, fill=ground, width=10)
    d.polygon([(300, 640), (520, 640), (480, 700), (340, 700)], fill=ground)
    d.line([(410, 640), (410, 470)], fill=ground, width=8)
    d.polygon([(414, 480), (414, 620), (520, 620)], fill=accent)


def _mountains(d, rnd, ground, accent):
    d.ellipse([200, 160, 380, 340], fill=accent)
    for base, color in ((520, accent), (700, ground)):
        pts, x = [(0, HEIGHT)], 0
        while x <= WIDTH:
            pts.append((x, base - rnd.randint(0, 320)))
            x += rnd.randint(160, 320)
        pts += [(WIDTH, base), (WIDTH, HEIGHT)]
        d.polygon(pts, fill=color)


def _market(d, rnd, ground, accent):
    d.rectangle([0, 760, WIDTH, HEIGHT], fill=ground)
    for i in range(6):
        x = 60 + i * 260
        d.polygon([(x, 420), (x + 220, 420), (x + 250, 520), (x - 30, 520)], fill=accent)
        d.rectangle([x, 520, x + 220, 760], outline=ground, width=10)
        for j in range(5):
            d.ellipse([x + 20 + j * 40, 660, x + 50 + j * 40, 690], fill=ground)


def _chart(d, rnd, ground, accent):
    for y in range(200, 900, 100):
        d.line([(120, y), (1500, y)], fill=ground, width=2)
    pts, v = [], 700
    for i in range(15):
        v = max(220, min(860, v + rnd.randint(-110, 90)))
        pts.append((120 + i * 98, v))
    d.line(pts, fill=accent, width=12, joint="curve")
    for i in range(0, 15, 2):
        h = rnd.randint(60, 260)
        d.rectangle([140 + i * 98, 900 - h, 190 + i * 98, 900], fill=ground)


def _crowd(d, rnd, ground, accent):
    for row in range(5):
        for i in range(18):
            x = i * 95 + (row % 2) * 45 + rnd.randint(-10, 10)
            y = 520 + row * 95
            color = accent if rnd.random() < 0.2 else ground
            d.ellipse([x, y, x + 60, y + 60], fill=color)
            d.rounded_rectangle([x - 15, y + 60, x + 75, y + 200], 30, fill=color)


def _forest(d, rnd, ground, accent):
    for _ in range(45):
        x, h = rnd.randint(-50, WIDTH), rnd.randint(300, 700)
        d.polygon(
            [(x, HEIGHT - h), (x - h // 4, HEIGHT - 60), (x + h // 4, HEIGHT - 60)], fill=ground
        )
        d.rectangle([x - 10, HEIGHT - 80, x + 10, HEIGHT], fill=accent)


def _stage(d, rnd, ground, accent):
    d.rectangle([0, 700, WIDTH, HEIGHT], fill=ground)
    d.polygon([(0, 0), (380, 0), (260, 700), (0, 700)], fill=ground)
    d.polygon([(WIDTH, 0), (WIDTH - 380, 0), (WIDTH - 260, 700), (WIDTH, 700)], fill=ground)
    d.polygon([(800, 0), (560, 700), (1040, 700)], fill=accent)
    d.ellipse([740, 470, 860, 590], fill=ground)
    d.rounded_rectangle([720, 580, 880, 720], 40, fill=ground)


def _rain(d, rnd, ground, accent):
    for _ in range(420):
        x, y = rnd.randint(0, WIDTH), rnd.randint(0, HEIGHT)
        d.line([(x, y), (x - 18, y + 60)], fill=ground, width=3)
    d.pieslice([560, 460, 1040, 940], 180, 360, fill=accent)
    d.line([(800, 700), (800, 900)], fill=accent, width=14)


def _abstract(d, rnd, ground, accent):
    for _ in range(16):
        x, y, r = rnd.randint(0, WIDTH), rnd.randint(0, HEIGHT), rnd.randint(60, 260)
        d.ellipse([x - r, y - r, x + r, y + r], outline=rnd.choice([ground, accent]), width=16)


MOTIFS: dict[str, Callable] = {
    "skyline": _skyline,
    "sea": _sea,
    "mountains": _mountains,
    "market": _market,
    "chart": _chart,
    "crowd": _crowd,
    "forest": _forest,
    "stage": _stage,
    "rain": _rain,
    "abstract": _abstract,
}


def picture_draw(picture: Picture) -> bytes:
    """The picture as JPEG bytes."""
    top, bottom, ground, accent = PALETTES[picture.palette]
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    _gradient(draw, top, bottom)
    rnd = random.Random(picture.key)  # noqa: S311 - a drawing, not a secret  # nosec B311
    MOTIFS[picture.motif](draw, rnd, ground, accent)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
