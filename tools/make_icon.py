#!/usr/bin/env python3
"""Draw the program's icon (resources/icons/crm_desktop.png and .ico): 修 in white on the
branch's blue, from the CJK font the program ships, so that it can be made again anywhere.

    .venv/bin/python tools/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttf"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, 248, 248), radius=44, fill=(22, 94, 160, 255))
    pen.rounded_rectangle((8, 8, 248, 248), radius=44, outline=(255, 255, 255, 60), width=4)
    font = ImageFont.truetype(str(FONT), 168)
    left, top, right, bottom = pen.textbbox((0, 0), "修", font=font)
    pen.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top - 4), "修", font=font,
             fill=(255, 255, 255, 255))
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "crm_desktop.png")
    image.save(ICONS / "crm_desktop.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
