"""Which weights train in each mode, LoRA injection and merging, frozen BatchNorm statistics."""
from __future__ import annotations

import logging
import types

from torch import nn

from advisor.core.encoder.parts import parts_of
from advisor.core.errors import missing_extra

log = logging.getLogger(__name__)

# Parameter-name fragments of the projection heads (default encoder: ResidualHead ``linear``; CLIP: projections).
HEAD_MARKERS = ("text_projection", "visual_projection", "logit_scale")
LORA_TARGETS_BERT = ["query", "key", "value"]
LORA_TARGETS_CLIP = ["q_proj", "k_proj", "v_proj", "out_proj"]


def is_head_parameter(name: str) -> bool:
    return any(marker in name for marker in HEAD_MARKERS) or ".linear." in name or name.endswith(".linear")


def keep_in_eval_mode(module: nn.Module) -> None:
    """Pin a module (and its children) to eval mode, whatever ``model.train()`` later says.

    Frozen towers and BatchNorm layers must not update running statistics or apply dropout.
    """
    def train(self, mode: bool = True):
        return nn.Module.train(self, False)

    module.train = types.MethodType(train, module)
    module.eval()


def freeze_batchnorm(model: nn.Module) -> int:
    count = 0
    for module in model.modules():
        if isinstance(module, nn.modules.batchnorm._BatchNorm):
            keep_in_eval_mode(module)
            count += 1
    return count


def prepare_trainable(model, config) -> list[str]:
    """Set ``requires_grad`` (and adapters) for ``config.mode``; returns notes for the model card."""
    try:
        parts = parts_of(model)
    except ValueError:
        parts = None
    if parts is None:
        return _prepare_generic(model, config)
    model.requires_grad_(False)
    for head in (parts.text_head, parts.image_head):
        head.requires_grad_(True)
    notes = []
    if config.mode == "heads":
        for module in [*parts.text_modules, parts.image_tower]:
            keep_in_eval_mode(module)
        notes.append("towers frozen and kept in eval mode; residual heads trained")
    elif config.mode == "lora":
        notes.append(add_lora(parts.text_modules[0].auto_model, LORA_TARGETS_BERT, config))
        notes.append(unfreeze_last_blocks(parts.image_tower.net, config.unfreeze_image_blocks))
    else:
        model.requires_grad_(True)
        parts.image_tower.class_text.requires_grad_(False)
        notes.append(f"all weights trained; towers at lr x {config.tower_lr_ratio}")
    if config.mode != "heads":
        count = freeze_batchnorm(parts.image_tower.net)
        notes.append(f"EfficientNet BatchNorm statistics frozen ({count} layers): small batches would corrupt them")
    return notes


def _prepare_generic(model, config) -> list[str]:
    """A HF CLIP (or other) SentenceTransformer: heads = its projection layers."""
    model.requires_grad_(False)
    heads = [p for n, p in model.named_parameters() if is_head_parameter(n)]
    if not heads:
        raise ValueError("this architecture has no projection layers to train (expected text_projection/visual_projection)")
    notes = []
    if config.mode == "heads":
        for param in heads:
            param.requires_grad_(True)
        keep_in_eval_mode(model)  # dropout off in the frozen towers; only the projections change
        notes.append("non-default architecture: heads = the model's text/visual projection layers, towers frozen")
    elif config.mode == "lora":
        notes.append(add_lora(_first_hf_model(model), LORA_TARGETS_CLIP, config))
        for param in heads:
            param.requires_grad_(True)
    else:
        model.requires_grad_(True)
        notes.append(f"all weights trained; towers at lr x {config.tower_lr_ratio}")
    return notes


def _first_hf_model(model):
    for module in model.modules():
        if hasattr(module, "auto_model"):
            return module.auto_model
        if hasattr(module, "model") and hasattr(module.model, "config"):
            return module.model
    raise ValueError("no Hugging Face model inside this SentenceTransformer for LoRA")


def add_lora(hf_model: nn.Module, targets: list[str], config) -> str:
    """Inject LoRA adapters (peft) into the attention projections of a HF model."""
    try:
        from peft import LoraConfig, inject_adapter_in_model  # noqa: PLC0415 - optional extra [train]
    except ModuleNotFoundError as exc:
        raise missing_extra("peft (LoRA fine-tuning)", "train") from exc

    present = {name.split(".")[-1] for name, _ in hf_model.named_modules()}
    targets = [t for t in targets if t in present]
    if not targets:
        raise ValueError("no LoRA target layers found in the text tower")
    lora = LoraConfig(r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=targets, bias="none")
    inject_adapter_in_model(lora, hf_model)
    for name, param in hf_model.named_parameters():
        param.requires_grad_("lora_" in name)
    return f"LoRA r={config.lora_rank} alpha={config.lora_alpha} on {', '.join(targets)} (merged into the weights before saving)"


def merge_lora(model: nn.Module) -> int:
    """Fold every LoRA layer into its base layer and remove the adapter modules; returns how many."""
    from peft.tuners.lora import LoraLayer  # noqa: PLC0415 - optional extra [train]

    merged = 0
    for parent in list(model.modules()):
        for child_name, child in list(parent.named_children()):
            if isinstance(child, LoraLayer):
                child.merge()
                setattr(parent, child_name, child.get_base_layer())
                merged += 1
    return merged


def unfreeze_last_blocks(net: nn.Module, count: int) -> str:
    """Train the last ``count`` MBConv blocks and the head conv of EfficientNet (peft cannot wrap its convs)."""
    blocks = list(net._blocks)[-count:] if count else []
    for block in blocks:
        block.requires_grad_(True)
    for name in ("_conv_head", "_bn_head"):
        if count and hasattr(net, name):
            getattr(net, name).requires_grad_(True)
    return (f"image tower: last {len(blocks)} of {len(net._blocks)} EfficientNet blocks and the head conv unfrozen "
            "(peft cannot wrap Conv2dStaticSamePadding)")
