#!/usr/bin/env python3
"""Times SQLite's quick_check and integrity_check on a 10,000-row store with the results store's
scores schema (100 models x 10 benchmarks x 10 layers, 50 per-split values each), the cost the
results store pays when it is opened (docs/leaderboard.md). Prints a table; Python's own SQLite."""
import os, random, sqlite3, tempfile, time

path = os.path.join(tempfile.mkdtemp(), "s10k.db")
c = sqlite3.connect(path)
c.execute("PRAGMA journal_mode=WAL")
c.execute("""CREATE TABLE scores (model TEXT NOT NULL, checkpoint TEXT NOT NULL, data TEXT NOT NULL, benchmark TEXT NOT NULL,
 benchmark_version INTEGER NOT NULL, layer TEXT NOT NULL, raw REAL, ceiling REAL, normalized REAL, unclipped REAL, ci_low REAL,
 ci_high REAL, per_split TEXT NOT NULL, note TEXT NOT NULL, ceiling_source TEXT NOT NULL, seeds TEXT NOT NULL,
 checksums TEXT NOT NULL, context TEXT NOT NULL, split TEXT NOT NULL, software TEXT NOT NULL, created TEXT NOT NULL, measures TEXT,
 PRIMARY KEY (model, checkpoint, data, benchmark, benchmark_version, layer))""")
rng = random.Random(0)
rows = [("model-%d" % m, "ck", "real", "bench-%d" % b, 1, "h.%d" % l, *[rng.random() for _ in range(6)],
         "[" + ",".join(str(rng.random()) for _ in range(50)) + "]", "", "published", '{"bootstrap":0}', '{"f":"' + "a" * 64 + '"}',
         "ctx", "split", "brainalign 0.1", "2026-12-07", "{}") for m in range(100) for b in range(10) for l in range(10)]
c.executemany("INSERT INTO scores VALUES (%s)" % ",".join("?" * 22), rows)
c.commit()
print("| check | ms (best of 5) | rows | file |")
print("|---|---|---|---|")
for pragma in ("quick_check", "integrity_check"):
    best = min((lambda t: (c.execute("PRAGMA " + pragma).fetchall(), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(5))
    print("| %s | %.1f | %d | %d KiB (SQLite %s) |" % (pragma, best * 1000, len(rows), os.path.getsize(path) // 1024, sqlite3.sqlite_version))
