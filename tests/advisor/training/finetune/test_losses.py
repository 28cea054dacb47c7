import math

import torch
import torch.nn.functional as F

from advisor.training.finetune.losses import ClipLoss


def test_matching_pairs_score_lower_than_shuffled():
    torch.manual_seed(0)
    text = F.normalize(torch.randn(8, 16), dim=-1)
    loss = ClipLoss(init_temperature=0.1)
    with torch.no_grad():
        assert float(loss(text, text)) < float(loss(text, text.roll(1, 0)))


def test_uniform_logits_give_log_batch():
    loss = ClipLoss(init_temperature=1.0, learnable=False)
    same = F.normalize(torch.ones(4, 3), dim=-1)
    assert math.isclose(float(loss(same, same)), math.log(4), rel_tol=1e-5)


def test_shared_captions_are_interchangeable():
    torch.manual_seed(1)
    text = F.normalize(torch.randn(4, 8), dim=-1)
    image = F.normalize(torch.randn(4, 8), dim=-1)
    labels = torch.tensor([0, 0, 1, 2])  # rows 0 and 1 carry the same caption
    loss = ClipLoss(init_temperature=0.1, learnable=False)
    swapped = image[[1, 0, 2, 3]]
    assert torch.isclose(loss(text, image, labels), loss(text, swapped, labels), atol=1e-6)
    assert not torch.isclose(loss(text, image), loss(text, swapped), atol=1e-6)


def test_temperature_is_learnable_and_clamped():
    loss = ClipLoss(init_temperature=0.001)
    assert loss.log_scale.requires_grad
    assert math.isclose(loss.temperature, 0.01, rel_tol=1e-5)  # scale clamped at 100
