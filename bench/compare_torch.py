"""PyTorch eager anchor for `bench/compare-torch`: a GPT-2-small-shaped model (random weights,
HF initialisation scale) run at batch 1 over random token ids, every one of its 14 layer outputs
(embeddings, 12 blocks, ln_f) copied to host numpy arrays, as brainalign's `bench extract` does.
Written from the GPT-2 architecture (pre-LN blocks, fused qkv projection, GELU-tanh), not from any
other project's code. Prints one line per T: `torch <threads> <T> <median s> <tokens/s>`."""
import math
import sys
import time

import torch


def gpt2_small(vocab=50257, positions=1024, c=768, layers=12, heads=12, seed=0):
    g = torch.Generator().manual_seed(seed)
    n = lambda *shape, std=0.02: torch.randn(*shape, generator=g) * std
    p = {"wte": n(vocab, c), "wpe": n(positions, c), "blocks": []}
    for _ in range(layers):
        p["blocks"].append({
            "ln1": (torch.ones(c), torch.zeros(c)),
            "qkv": (n(3 * c, c), torch.zeros(3 * c)),
            "proj": (n(c, c, std=0.02 / math.sqrt(2 * layers)), torch.zeros(c)),
            "ln2": (torch.ones(c), torch.zeros(c)),
            "fc": (n(4 * c, c), torch.zeros(4 * c)),
            "out": (n(c, 4 * c, std=0.02 / math.sqrt(2 * layers)), torch.zeros(c)),
        })
    p["lnf"] = (torch.ones(c), torch.zeros(c))
    p["heads"] = heads
    return p


def forward(p, ids):
    F = torch.nn.functional
    b, t = ids.shape
    x = F.embedding(ids, p["wte"]) + p["wpe"][:t]
    c = x.shape[-1]
    h = p["heads"]
    mask = torch.full((t, t), float("-inf")).triu(1)
    states = [x]
    for blk in p["blocks"]:
        a = F.layer_norm(x, (c,), *blk["ln1"], eps=1e-5)
        q, k, v = F.linear(a, *blk["qkv"]).split(c, dim=2)
        q, k, v = (z.view(b, t, h, c // h).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(c // h) + mask
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, c)
        x = x + F.linear(y, *blk["proj"])
        m = F.layer_norm(x, (c,), *blk["ln2"], eps=1e-5)
        x = x + F.linear(F.gelu(F.linear(m, *blk["fc"]), approximate="tanh"), *blk["out"])
        states.append(x)
    states.append(F.layer_norm(x, (c,), *p["lnf"], eps=1e-5))
    return states  # embeddings, 12 blocks, ln_f: the 14 layers brainalign records


def main():
    threads = int(sys.argv[1])
    lengths = [int(v) for v in sys.argv[2].split(",")]
    warmup, iterations = 3, 10
    torch.set_num_threads(threads)
    p = gpt2_small()
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for t in lengths:
            ids = torch.randint(0, 50257, (1, t), generator=gen)
            times = []
            for i in range(warmup + iterations):
                start = time.perf_counter()
                for s in forward(p, ids):
                    s.numpy().copy()
                if i >= warmup:
                    times.append(time.perf_counter() - start)
            times.sort()
            median = times[len(times) // 2]
            print(f"torch {threads} {t} {median:.6f} {t / median:.1f}", flush=True)


if __name__ == "__main__":
    main()
