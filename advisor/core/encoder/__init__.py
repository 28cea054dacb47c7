"""The image+text encoder: load, encode (fine-tuning lives in ``advisor.finetune``)."""
from advisor.core.encoder.encoder import Encoder, EncoderLoadError, load_encoder
from advisor.core.encoder.images import ImageLoadError, load_image

__all__ = ["Encoder", "EncoderLoadError", "ImageLoadError", "load_encoder", "load_image"]
