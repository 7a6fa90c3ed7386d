"""Draw the app icon (resources/icons/app.png and app.ico) from the bundled BIZ UD Gothic Bold.

Run once when the design changes: `uv run python packaging/make_icon.py`. The outputs are committed.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from desktop.paths import resource_path

SIZE = 256
NAVY, WHITE, GOLD = (23, 55, 94), (255, 255, 255), (233, 180, 60)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=NAVY)
    # An opened padlock shackle: the guarantee being released.
    pen.arc((70, 22, 150, 110), start=180, end=330, fill=GOLD, width=18)
    font = ImageFont.truetype(str(resource_path("fonts/BIZUDGothic-Bold.ttf")), 150)
    pen.text((SIZE // 2, 160), "解", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    image = draw()
    image.save(resource_path("icons/app.png"))
    image.save(resource_path("icons/app.ico"), sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (256, 256)])


if __name__ == "__main__":
    main()
