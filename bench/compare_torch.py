"""PyTorch eager anchor for `bench/compare-torch`: a GPT-2-small-shaped model (random weights,
HF initialisation scale) run at batch 1 over random token ids, every one of its 14 layer outputs
(embeddings, 12 blocks, ln_f) copied to host numpy arrays, as brainalign's `bench extract` does.
Written from the GPT-2 architecture (pre-LN blocks, fused qkv projection, GELU-tanh), not from any
other project's code. Optional third argument: gpt2-medium, gpt2-large or gpt2-xl for those shapes.
Prints `torchinit <threads> 0 <seconds> 0`, the time to build the random weights, and
`torchimport <threads> 0 <seconds> 0`, the time `import torch` took before it, then one line per T:
`torch <threads> <T> <median s> <tokens/s>`, then
`torchgemm <threads> <T> <median s> <tokens/s>`: the same pass's matrix products alone (the four
linear layers and the two attention products per block, on inputs of the same shapes), which is
how long any implementation calling the same GEMM library must take at least."""
import math
import sys
import time

_IMPORTING = time.perf_counter()
import torch  # noqa: E402  (timed: the library start, reported beside brainalign's libtorch start)
IMPORT_SECONDS = time.perf_counter() - _IMPORTING


SIZES = {"gpt2": (768, 12, 12), "gpt2-medium": (1024, 24, 16), "gpt2-large": (1280, 36, 20), "gpt2-xl": (1600, 48, 25)}


def gpt2_small(vocab=50257, positions=1024, c=768, layers=12, heads=12, seed=0):
    g = torch.Generator().manual_seed(seed)
    n = lambda *shape, std=0.02: torch.empty(*shape).normal_(0, std, generator=g)  # in place, as HF's _init_weights
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


def gemms_only(p, t):
    """The matrix products of one forward pass at length t, nothing else (inputs made once)."""
    F = torch.nn.functional
    c = p["wte"].shape[1]
    h = p["heads"]
    g = torch.Generator().manual_seed(2)
    a = torch.randn(1, t, c, generator=g)
    m4 = torch.randn(1, t, 4 * c, generator=g)
    q = torch.randn(1, h, t, c // h, generator=g)
    att = torch.randn(1, h, t, t, generator=g)

    def run():
        for blk in p["blocks"]:
            F.linear(a, *blk["qkv"])
            q @ q.transpose(-1, -2)
            att @ q
            F.linear(a, *blk["proj"])
            F.linear(a, *blk["fc"])
            F.linear(m4, *blk["out"])
    return run


def timed(fn, warmup, warmup_seconds, iterations):
    """Median seconds of `iterations` calls after at least `warmup` calls and `warmup_seconds` of them
    (the rule `bench extract` applies to brainalign)."""
    warmed, warming = 0, time.perf_counter()
    while warmed < warmup or time.perf_counter() - warming < warmup_seconds:
        fn()
        warmed += 1
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def main():
    threads = int(sys.argv[1])
    lengths = [int(v) for v in sys.argv[2].split(",")]
    c, layers, heads = SIZES[sys.argv[3] if len(sys.argv) > 3 else "gpt2"]
    warmup, warmup_seconds, iterations = 3, 5.0, 10
    torch.set_num_threads(threads)
    start = time.perf_counter()
    p = gpt2_small(c=c, layers=layers, heads=heads)
    print(f"torchinit {threads} 0 {time.perf_counter() - start:.3f} 0", flush=True)
    print(f"torchimport {threads} 0 {IMPORT_SECONDS:.3f} 0", flush=True)
    gen = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for t in lengths:
            ids = torch.randint(0, 50257, (1, t), generator=gen)

            def one_pass():
                for s in forward(p, ids):
                    s.numpy().copy()
            median = timed(one_pass, warmup, warmup_seconds, iterations)
            print(f"torch {threads} {t} {median:.6f} {t / median:.1f}", flush=True)
            median = timed(gemms_only(p, t), warmup, warmup_seconds, iterations)
            print(f"torchgemm {threads} {t} {median:.6f} {t / median:.1f}", flush=True)

if __name__ == "__main__":
    main()
