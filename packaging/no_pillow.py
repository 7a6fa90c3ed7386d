"""Runtime hook of the frozen app: the bundle leaves Pillow out (see UNUSED in hosho-navi.spec).

reportlab.lib.utils runs `from PIL import Image` when it is imported and treats `Image is None` as
"no raster image support" (`haveImages`). The packet draws only text and vector charts, so this
empty PIL is all reportlab needs. A packet that drew a raster image would need Pillow back.
"""

import sys
import types

pil = types.ModuleType("PIL")
pil.Image = None
sys.modules["PIL"] = pil
