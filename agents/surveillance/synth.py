"""Synthetic camera frames: clip-art people, vehicles, fire and weapons composited onto drawn backgrounds.

Used by the demo (``demo.build_demo_cameras``), the tests and the benchmark (``advisor.frontdoors.bench.surveillance_agent``).
Objects come from openclipart (``/usr/share/openclipart/png``, Debian package ``openclipart-png``) when it is
installed, else from simple drawings. Clip-art is split into two disjoint pools by a hash of the file name
(``pool="dev"`` to tune the method, ``pool="test"`` to report it), so reported numbers are on unseen art.

Example::

    >>> from agents.surveillance.synth import make_dataset
    >>> frames = make_dataset("/tmp/cams", n_frames=30, seed=1)        # doctest: +SKIP
    >>> frames[0].camera, frames[0].labels                              # doctest: +SKIP
    ('gate', ['person'])
"""
from __future__ import annotations

import hashlib
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

CLIPART = Path("/usr/share/openclipart/png")
FRAME_SIZE = (640, 480)
CAMERAS = ("gate", "parking", "lobby")
TARGETS = ("person", "vehicle", "fire", "weapon")

_PEOPLE = """people/a_happy_boy_01 people/a_man_singing_01 people/a_youngster_01 people/adult_astrid_graeber_01
people/backpacker_ganson people/boy_astrid_graeber_ people/bussiness_woman_donna_i_01 people/fireman_enrique_meza_c_01
people/grandpa_01 people/man01 people/man02 people/man_01 people/man_02 people/police_man_ganson people/woman01
people/woman02 people/woman_01 people/woman_doctor_gerald_g._01 people/woman_nurse_gerald_g._01
people/woman_police_01_gerald_g_01 people/woman_police_02_gerald_g_01 people/woman_reading_gerald_g._01
people/silhouette_female_1 people/silhouette_male_1 people/silhouette_male_2 people/runner_simple_with_wake_marks_01
people/roller_blader_ganson people/hikinh_ganson people/golf_drive_ganson people/kid_01 people/signore_architetto_franc_01
people/signorina_architetto_fra_01 people/woman_chemist_gerald_g._01 people/woman_fashion_01_gerald__01
people/rich_young_man_going_aw_01 people/sport_architetto_frances_01 people/stickmen/blueman_101_02
people/stickmen/sm_005 people/people_juliane_krug_01a people/people_juliane_krug_05b people/nonno_sport_architetto_f_01
people/bride1_jarno_vasamaa_01 people/groom1_jarno_vasamaa_01 people/saxowoman_erwan_01 people/sailor_nicu_buculei_01"""
_VEHICLES = """transportation/vehicles/1989_chevrolet_celebrit_01 transportation/vehicles/4wd transportation/vehicles/ambulans_romus_01
transportation/vehicles/big_truck_01 transportation/vehicles/blazer_01 transportation/vehicles/bus1_jarno_vasamaa_01
transportation/vehicles/bus2_jarno_vasamaa_01 transportation/vehicles/bus_01 transportation/vehicles/car
transportation/vehicles/hummer_01 transportation/vehicles/hummer_03 transportation/vehicles/old_car_lumen_design_st_r
transportation/vehicles/old_truck_indana_model__01 transportation/vehicles/redcar_marcelo_caiafa_
transportation/vehicles/skoda_car_alejandro_teja_ transportation/vehicles/small_truck_steffen_gluc_01
transportation/vehicles/trattore_architetto_fran_01 transportation/vehicles/shelby_cobra_car_bluepr_
transportation/dodge_neon_green_ganson transportation/dodge_neon_pink_ganson transportation/toyota_land_cruiser_ganson
transportation/sportcar_sergio_luiz_ara_01 transportation/truck_jarno_vasamaa1 transportation/fire_engine_romus_01
transportation/motorcycle_jarno_vasama_ transportation/car_jamin_ellis_ transportation/tram"""
_FIRE = """recreation/party/fire_valessio_soares_de_ shapes/fire-ball_benji_park_01 signs_and_symbols/flame_jon_phillips_01"""
_WEAPONS = """tools/weapons/9_mm_gun_01 tools/weapons/ak47_01 tools/weapons/blue_gun_alex_fernandez_01 tools/weapons/m16_01
tools/weapons/m16_02 tools/weapons/knife tools/weapons/sword_01 tools/weapons/longsword_01 tools/weapons/katana_dudziak_tomek_01
tools/weapons/kallisti-grenade_2_nurbl_01 tools/weapons/bomb_01 tools/weapons/mortar_01"""
_DISTRACTORS = """animals/a_simple_pig_01 animals/mammals/bunny_01 animals/mammals/cartoon_cat_gerald_g._01 animals/mammals/deer_matt_todd_01
animals/birds/crow_01 animals/birds/duck_yellow_kurt_cagle_ animals/turtle_jurgen_gaeremyn_01 plants/albero_architetto_france_01
plants/cactus_linda_kim_01 plants/palmtree_b_r_kessels_ plants/daffodil_jonathan_dietri_01 plants/fall_coloured_tree_geral_01
food/fruit/an_apple_01 food/bowl_of_steaming_soup_01 food/burrito_ganson food/cake_and_candle_anton_fr_01
buildings/furniture/soft_blue_couch_jonadab_01 buildings/furniture/wooden_table_benji_park_01 buildings/furniture/wooden_barrel_petri_lumm_01
buildings/furniture/poltrona_ufficio_archite_01 containers/cardboard_box_jarno_vasa_ containers/valigie_bags_architetto__01
containers/recycling_box_3d_a.j._as_01 electronics/television_alexander_d.__01 electronics/satellite_dish_ali_hussn_01
tools/umbrella tools/broom_nicu_buculei_01 tools/bucket_michael_moore_ tools/hammer_nicu_buculei_01 tools/scissors
tools/vacuum_cleaner_mariusz_k_01 tools/telescope_01 tools/orange_burner_01 transportation/aiga-symbols/aiga_fire_extinguisher1
recreation/dice office/calculator office/desk_lamp_gerald_g._01 transportation/vehicles/bicycle_01 transportation/boating/boat_jarno_vasamaa1"""
CLIPART_FILES = {"person": _PEOPLE.split(), "vehicle": _VEHICLES.split(), "fire": _FIRE.split(),
                 "weapon": _WEAPONS.split(), "distractor": _DISTRACTORS.split()}


@dataclass
class SynthFrame:
    """One generated frame: where it is, which camera, which target categories it shows."""

    path: str
    camera: str
    labels: list[str] = field(default_factory=list)
    objects: list[dict] = field(default_factory=list)


def _pool_of(name: str) -> str:
    return "dev" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 0 else "test"


def clipart_pool(category: str, pool: str = "all") -> list[Path]:
    """Existing clip-art files of a category in a pool (``dev``, ``test`` or ``all``)."""
    files = [CLIPART / f"{stem}.png" for stem in CLIPART_FILES[category]]
    files = [f for f in files if f.exists()]
    if pool != "all":
        chosen = [f for f in files if _pool_of(f.name) == pool]
        files = chosen or files  # tiny categories (fire) may land in one pool: keep both then
    return files


# -- drawn backgrounds ---------------------------------------------------------------------------------------
def _gradient(size, top, bottom) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    return image


def draw_background(camera: str, rng: random.Random, size=FRAME_SIZE) -> Image.Image:
    """A camera's fixed scene (the same for every frame of that camera; ``rng`` only varies details)."""
    width, height = size
    if camera == "gate":
        image = _gradient(size, (150, 190, 230), (210, 225, 240))
        draw = ImageDraw.Draw(image)
        for x in range(0, width, 110):  # buildings behind the fence
            top = int(height * (0.15 + 0.15 * ((x // 110) % 3) / 2))
            draw.rectangle((x, top, x + 100, int(height * 0.55)), fill=(170 - x % 40, 150, 140))
        draw.rectangle((0, int(height * 0.55), width, height), fill=(105, 105, 110))
        for x in range(0, width, 18):  # fence bars
            draw.line([(x, int(height * 0.35)), (x, int(height * 0.6))], fill=(60, 60, 60), width=3)
        draw.line([(0, int(height * 0.37)), (width, int(height * 0.37))], fill=(60, 60, 60), width=4)
        draw.line([(0, int(height * 0.8)), (width, int(height * 0.8))], fill=(230, 230, 230), width=4)
    elif camera == "parking":
        image = Image.new("RGB", size, (92, 94, 98))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, width, int(height * 0.2)), fill=(120, 160, 110))
        for i in range(8):  # trees at the far edge
            cx = 40 + i * 80
            draw.ellipse((cx - 30, 10, cx + 30, 80), fill=(40, 110 + (i * 7) % 30, 50))
        for x in range(20, width, 90):  # parking bays
            draw.line([(x, int(height * 0.3)), (x - 30, height)], fill=(235, 235, 235), width=4)
        draw.line([(0, int(height * 0.3)), (width, int(height * 0.3))], fill=(235, 220, 80), width=3)
    else:  # lobby
        image = Image.new("RGB", size, (222, 210, 180))
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, int(height * 0.65), width, height), fill=(150, 120, 90))
        for x in range(0, width, 64):
            draw.line([(x, int(height * 0.65)), (x, height)], fill=(130, 100, 75), width=2)
        draw.rectangle((int(width * 0.7), int(height * 0.2), int(width * 0.85), int(height * 0.65)), fill=(120, 80, 50))
        draw.rectangle((int(width * 0.1), int(height * 0.15), int(width * 0.35), int(height * 0.4)), fill=(180, 215, 240),
                       outline=(250, 250, 250), width=6)
    return image


# -- drawn objects (fallback without openclipart, and extra variety for fire) ---------------------------------
def draw_flames(rng: random.Random, size: int = 256) -> Image.Image:
    """A flame drawing: layered red, orange and yellow tongues on transparency."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for colour, shrink in (((220, 40, 20, 255), 1.0), ((250, 140, 20, 255), 0.72), ((255, 225, 60, 255), 0.45)):
        for _ in range(4):
            cx = size / 2 + rng.uniform(-0.18, 0.18) * size * shrink
            half = size * 0.22 * shrink
            tip = (cx + rng.uniform(-0.1, 0.1) * size, size * (1 - 0.95 * shrink) + rng.uniform(0, 0.1) * size)
            draw.polygon([(cx - half, size * 0.95), tip, (cx + half, size * 0.95)], fill=colour)
        draw.ellipse((size * (0.5 - 0.3 * shrink), size * (0.95 - 0.4 * shrink), size * (0.5 + 0.3 * shrink), size * 0.98),
                     fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def _draw_fallback(category: str, rng: random.Random) -> Image.Image:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    colour = tuple(rng.randrange(30, 220) for _ in range(3)) + (255,)
    if category == "person":
        draw.ellipse((80, 10, 120, 50), fill=(230, 190, 160, 255))
        draw.rectangle((75, 50, 125, 130), fill=colour)
        draw.rectangle((78, 130, 96, 195), fill=(40, 40, 90, 255))
        draw.rectangle((104, 130, 122, 195), fill=(40, 40, 90, 255))
    elif category == "vehicle":
        draw.rectangle((10, 90, 190, 150), fill=colour)
        draw.rectangle((50, 55, 150, 95), fill=colour)
        draw.ellipse((30, 135, 70, 175), fill=(20, 20, 20, 255))
        draw.ellipse((130, 135, 170, 175), fill=(20, 20, 20, 255))
    elif category == "weapon":
        draw.rectangle((20, 80, 180, 105), fill=(50, 50, 55, 255))
        draw.polygon([(40, 100), (70, 100), (60, 170), (35, 170)], fill=(90, 60, 30, 255))
    elif category == "fire":
        return draw_flames(rng, 200)
    else:
        draw.ellipse((30, 30, 170, 170), fill=colour)
    return image


def load_object(category: str, rng: random.Random, pool: str) -> tuple[Image.Image, str]:
    files = clipart_pool(category, pool)
    if category == "fire" and (not files or rng.random() < 0.35):
        return draw_flames(rng), "drawn:flames"
    if not files:
        return _draw_fallback(category, rng), f"drawn:{category}"
    path = rng.choice(files)
    return Image.open(path).convert("RGBA"), path.stem


def paste_object(frame: Image.Image, obj: Image.Image, rng: random.Random, scale: tuple[float, float]) -> tuple[int, int, int, int]:
    """Paste ``obj`` at a random place with its longer side ``scale`` of the frame's; returns its box."""
    width, height = frame.size
    bbox = obj.getbbox()
    if bbox:
        obj = obj.crop(bbox)
    fraction = rng.uniform(*scale)
    ratio = min(fraction * width / obj.width, fraction * height / obj.height)
    new_size = (max(8, int(obj.width * ratio)), max(8, int(obj.height * ratio)))
    obj = obj.resize(new_size, Image.LANCZOS)
    if rng.random() < 0.5:
        obj = obj.transpose(Image.FLIP_LEFT_RIGHT)
    x = rng.randrange(0, max(1, width - obj.width))
    y = rng.randrange(0, max(1, height - obj.height))
    frame.paste(obj, (x, y), obj)
    return x, y, x + obj.width, y + obj.height


def _camera_noise(frame: Image.Image, rng: random.Random) -> Image.Image:
    """Lighting change, sensor blur and a CCTV timestamp bar: what makes a camera's frames differ."""
    gain = rng.uniform(0.8, 1.15)
    frame = frame.point(lambda v: max(0, min(255, int(v * gain))))
    if rng.random() < 0.4:
        frame = frame.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.2)))
    draw = ImageDraw.Draw(frame)
    draw.rectangle((0, 0, 150, 16), fill=(0, 0, 0))
    draw.text((4, 2), f"CAM 2026-11-0{rng.randrange(1, 9)} {rng.randrange(24):02d}:{rng.randrange(60):02d}", fill=(255, 255, 255))
    return frame


def compose_frame(camera: str, labels: list[str], rng: random.Random, pool: str = "all", n_distractors: int | None = None,
                  scale: tuple[float, float] = (0.2, 0.5)) -> tuple[Image.Image, list[dict]]:
    """One frame of ``camera`` showing one object of each category in ``labels`` plus distractors."""
    frame = draw_background(camera, rng).convert("RGBA")
    placed = []
    n_distractors = rng.choice((0, 1, 1, 2)) if n_distractors is None else n_distractors
    items = [(c, True) for c in labels] + [("distractor", False)] * n_distractors
    rng.shuffle(items)
    for category, _target in items:
        obj, source = load_object(category, rng, pool)
        box = paste_object(frame, obj, rng, scale)
        placed.append({"category": category, "source": source, "box": list(box)})
    return _camera_noise(frame.convert("RGB"), rng), placed


def make_dataset(root: str | Path, n_frames: int = 150, seed: int = 0, pool: str = "all", base_rate: float = 0.27,
                 cameras: tuple[str, ...] = CAMERAS, background_frames: int = 0) -> list[SynthFrame]:
    """Write ``n_frames`` frames split over ``cameras`` (one folder each) and ``labels.json``; return them.

    Each target category appears in a frame with probability ``base_rate``; ``background_frames`` extra frames
    with distractors only are written first in each camera (a quiet start, as after installing a camera).
    """
    rng = random.Random(seed)
    root = Path(root)
    frames: list[SynthFrame] = []
    per_camera = math.ceil(n_frames / len(cameras))
    for camera in cameras:
        folder = root / camera
        folder.mkdir(parents=True, exist_ok=True)
        for index in range(per_camera + background_frames):
            quiet = index < background_frames
            labels = [] if quiet else [c for c in TARGETS if rng.random() < base_rate]
            image, objects = compose_frame(camera, labels, rng, pool)
            path = folder / f"frame_{index:04d}.jpg"
            image.save(path, quality=90)
            frames.append(SynthFrame(path=str(path), camera=camera, labels=labels, objects=objects))
    (root / "labels.json").write_text(json.dumps([asdict(f) for f in frames], indent=1))
    return frames
