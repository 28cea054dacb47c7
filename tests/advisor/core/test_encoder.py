import numpy as np
import pytest
from PIL import Image

from advisor.core.encoder import EncoderLoadError, ImageLoadError, load_encoder
from tests.conftest import draw_shape


def test_default_text_and_images_normalised(encoder, shapes_dir):
    texts = encoder.encode_text(["a red circle", "a blue square", "a fire engine"])
    images = encoder.encode_images([shapes_dir / "red_circle.png", draw_shape("blue", "square")])
    assert texts.dtype == np.float32 and images.dtype == np.float32
    assert texts.shape == (3, encoder.dim) and images.shape == (2, encoder.dim)
    assert np.allclose(np.linalg.norm(texts, axis=1), 1, atol=1e-4)
    assert np.allclose(np.linalg.norm(images, axis=1), 1, atol=1e-4)
    assert not np.allclose(texts[0], texts[1])


def test_default_encoder_aligns_images_and_text(encoder):
    """Real clip-art: each picture must rank its own name above the others (chance would be 1/n)."""
    import glob

    wanted = {"apple": "an apple", "guitar": "a guitar", "car": "a car", "cat": "a cat", "house": "a house",
              "airplane": "an airplane", "bicycle": "a bicycle", "flower": "a flower", "clock": "a clock", "fish": "a fish"}
    paths, captions = [], []
    for key, caption in wanted.items():
        found = sorted(glob.glob(f"/usr/share/openclipart/png/**/*{key}*.png", recursive=True))
        if found:
            paths.append(found[0])
            captions.append(caption)
    if len(paths) < 6:
        pytest.skip("openclipart-png is not installed (make sysdeps)")
    sims = encoder.encode_images(paths) @ encoder.encode_text(captions).T
    top5 = np.mean([i in np.argsort(-sims[:, i])[:5] for i in range(len(paths))])
    assert top5 >= 0.6, sims


def test_batching_gives_same_vectors(encoder, shapes_dir):
    paths = sorted(shapes_dir.glob("*.png"))
    one = encoder.encode_images(paths, batch_size=1)
    many = encoder.encode_images(paths, batch_size=8)
    assert np.allclose(one, many, atol=1e-4)


def test_bad_images_are_named(encoder, tmp_path):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.png"
    draw_shape("red", "circle").save(broken)
    broken.write_bytes(broken.read_bytes()[:60])
    text = tmp_path / "notes.png"
    text.write_text("hello")
    for path, reason in [(empty, "empty"), (broken, "corrupt|truncated"), (text, "not an image"), (tmp_path / "gone.png", "not found")]:
        with pytest.raises(ImageLoadError, match=reason) as info:
            encoder.encode_images([path])
        assert path.name in str(info.value)


def test_pixel_limit_refuses_bombs(encoder, tmp_path):
    big = tmp_path / "big.png"
    Image.new("L", (4000, 4000)).save(big)
    old = encoder.max_image_pixels
    encoder.max_image_pixels = 1_000_000
    try:
        with pytest.raises(ImageLoadError, match="pixel limit"):
            encoder.encode_images([big])
    finally:
        encoder.max_image_pixels = old


@pytest.mark.parametrize("mode", ["RGBA", "P", "CMYK", "I;16", "LA"])
def test_unusual_image_modes_encode(encoder, tmp_path, mode):
    image = draw_shape("green", "triangle").convert("RGBA" if mode in ("RGBA", "LA") else "RGB")
    image = image.convert(mode) if mode != "I;16" else Image.fromarray(np.asarray(image.convert("L"), np.uint16) * 200)
    path = tmp_path / f"x.{'tif' if mode in ('CMYK', 'I;16') else 'png'}"
    image.save(path)
    assert encoder.encode_images([path]).shape == (1, encoder.dim)


def test_wrong_types_are_clear(encoder):
    with pytest.raises(TypeError):
        encoder.encode_text("not a list")
    with pytest.raises(TypeError):
        encoder.encode_text([1, 2])
    with pytest.raises(ImageLoadError):
        encoder.encode_images([12345])


@pytest.fixture(scope="session")
def tiny_clip_dir(tmp_path_factory):
    """A tiny randomly initialised HF CLIPModel saved locally, borrowing MiniLM's tokenizer."""
    from transformers import AutoTokenizer, CLIPConfig, CLIPImageProcessor, CLIPModel, CLIPProcessor

    from advisor.core.encoder.modules import minilm_path

    tokenizer = AutoTokenizer.from_pretrained(minilm_path())
    config = CLIPConfig(
        text_config={"vocab_size": tokenizer.vocab_size, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                     "num_attention_heads": 2, "max_position_embeddings": 64, "eos_token_id": tokenizer.sep_token_id},
        vision_config={"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                       "image_size": 32, "patch_size": 8},
        projection_dim=16,
    )
    import torch

    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("tiny-clip")
    CLIPModel(config).save_pretrained(out)
    processor = CLIPProcessor(image_processor=CLIPImageProcessor(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}),
                              tokenizer=tokenizer)
    processor.save_pretrained(out)
    return out


def test_tiny_clip_checkpoint_loads_through_the_same_api(tiny_clip_dir, shapes_dir):
    enc = load_encoder(str(tiny_clip_dir), device="cpu")
    texts = enc.encode_text(["a red circle", "a blue square"])
    images = enc.encode_images([shapes_dir / "red_circle.png", shapes_dir / "blue_square.png"])
    assert texts.shape == (2, 16) and images.shape == (2, 16)
    assert np.allclose(np.linalg.norm(images, axis=1), 1, atol=1e-4)
    assert not np.allclose(texts[0], texts[1])


def test_unloadable_spec_says_why(tmp_path):
    with pytest.raises(EncoderLoadError, match="neither"):
        load_encoder(str(tmp_path))
    with pytest.raises(EncoderLoadError):
        load_encoder("no-such-model")
