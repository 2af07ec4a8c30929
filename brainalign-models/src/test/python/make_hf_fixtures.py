"""Builds tiny random checkpoints of the decoder families with HuggingFace transformers itself.

For each family: a model from the config below (the same configs DecoderFamiliesTest writes, at the
vocabulary its test uses), saved with save_pretrained (safetensors, float32), and its eager float32
forward on the test's token ids: every hidden state and the logits, in expected_outputs.safetensors
(keys input_ids, hidden_states.<i>, logits). Norm weights are randomised around their identity, as
in the Java test, so that a norm applied the wrong way shows.

Run where transformers (5.x) and torch are installed, no hub access needed:
    python make_hf_fixtures.py <out-dir>
then copy <out-dir>/<family>/ into brainalign-models/src/test/resources/hf-fixtures/.
"""
import json
import os
import sys

import torch
from safetensors.torch import save_file
from transformers import AutoConfig, AutoModelForCausalLM

COMMON = dict(num_hidden_layers=3, hidden_size=32, num_attention_heads=4, intermediate_size=40, vocab_size=96,
              max_position_embeddings=64, rope_theta=10000.0)
FAMILIES = {
    "llama": dict(num_key_value_heads=2, rms_norm_eps=1e-5, hidden_act="silu", attention_bias=True, tie_word_embeddings=False),
    "mistral": dict(num_key_value_heads=2, rms_norm_eps=1e-6, hidden_act="silu", sliding_window=4, tie_word_embeddings=False),
    "qwen2": dict(num_key_value_heads=2, rms_norm_eps=1e-6, hidden_act="silu", use_sliding_window=False, tie_word_embeddings=True),
    "qwen3": dict(num_key_value_heads=2, head_dim=12, rms_norm_eps=1e-6, hidden_act="silu", attention_bias=False,
                  tie_word_embeddings=False),
    "gemma": dict(num_key_value_heads=1, head_dim=16, rms_norm_eps=1e-6, hidden_act="gelu_pytorch_tanh", tie_word_embeddings=True),
    "gemma2": dict(num_key_value_heads=2, head_dim=16, rms_norm_eps=1e-6, hidden_activation="gelu_pytorch_tanh",
                   query_pre_attn_scalar=10, attn_logit_softcapping=2.0, final_logit_softcapping=3.0, sliding_window=4,
                   tie_word_embeddings=True),
    "phi3": dict(num_key_value_heads=2, rms_norm_eps=1e-5, hidden_act="silu", partial_rotary_factor=0.5, sliding_window=5,
                 tie_word_embeddings=False),
    "olmo2": dict(num_key_value_heads=4, rms_norm_eps=1e-5, hidden_act="silu", attention_bias=False, tie_word_embeddings=False),
}
IDS = [5, 17, 3, 88, 42, 0, 61, 9, 33, 70, 12]


def main(out):
    for family, own in FAMILIES.items():
        torch.manual_seed(0)
        config = AutoConfig.for_model(family, **COMMON, **own)
        config._attn_implementation = "eager"
        model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.float32).eval()
        offset = family.startswith("gemma")
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name.endswith("norm.weight"):
                    p.copy_((0.0 if offset else 1.0) + 0.3 * torch.randn_like(p))
                else:
                    p.copy_(0.25 * torch.randn_like(p))
            ids = torch.tensor([IDS])
            result = model(ids, output_hidden_states=True)
        target = os.path.join(out, family)
        model.save_pretrained(target, safe_serialization=True)
        tensors = {"input_ids": ids[0].clone()}
        for i, h in enumerate(result.hidden_states):
            tensors[f"hidden_states.{i}"] = h[0].contiguous()
        tensors["logits"] = result.logits[0].contiguous()
        save_file(tensors, os.path.join(target, "expected_outputs.safetensors"))
        with open(os.path.join(target, "expected_outputs.json"), "w") as f:
            json.dump({"transformers": __import__("transformers").__version__, "torch": torch.__version__}, f)
        print(family, "->", target)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hf-fixtures")
