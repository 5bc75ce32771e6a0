//! The places index's figures (`cargo xtask places-bench`, or `cargo bench -p groups-places`):
//! how long it takes to make from the packages in `tools/`, its size on disk and in memory, how
//! long the server takes to read it, and how long a search takes (p50, p90, p99, max) over a
//! mix of queries as visitors type them, each timed alone on one thread, by the wall clock and
//! by the thread's CPU time (which other load on a shared machine does not inflate as much). It
//! prints and asserts nothing; run it twice.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use groups_places::{build::build, sources::Sources, Index};

/// Set to an index's path: the process only reads it and prints its resident memory before
/// and after, so the figure is the reading's alone.
const LOAD_ONLY: &str = "PLACES_BENCH_LOAD_ONLY";

fn main() {
    if let Some(path) = std::env::var_os(LOAD_ONLY) {
        let before = resident_kb();
        let index = Index::load(Path::new(&path)).expect("the index reads");
        let after = resident_kb();
        println!("{}", after.saturating_sub(before));
        std::hint::black_box(index);
        return;
    }
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tools");
    let sources = match Sources::in_tools(&tools) {
        Ok(sources) => sources,
        Err(why) => {
            eprintln!("places bench: {why}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let gazetteer = sources.read().expect("the sources read");
    let read = started.elapsed();
    let index = build(&gazetteer).expect("the index builds");
    let built = started.elapsed() - read;
    drop(gazetteer);
    let dir = std::env::temp_dir().join(format!("places-bench-{}", std::process::id()));
    let path = dir.join("places.idx");
    index.write(&path).expect("the index is written");
    let on_disk = std::fs::metadata(&path).expect("written").len();
    let started = Instant::now();
    let loaded = Index::load(&path).expect("the index reads");
    let load = started.elapsed();
    let stats = loaded.stats();
    let resident = std::process::Command::new(std::env::current_exe().expect("this program"))
        .env(LOAD_ONLY, &path)
        .output()
        .ok()
        .and_then(|out| String::from_utf8_lossy(&out.stdout).trim().parse::<u64>().ok());
    std::fs::remove_dir_all(&dir).ok();

    println!("places index ({})", loaded.provenance());
    println!(
        "  {} names for {} towns, {} states, {} countries; {} codes",
        stats.names, stats.cities, stats.states, stats.countries, stats.codes
    );
    println!(
        "  made in {:.2} s (the packages' JSON read in {:.2} s, the index built in {:.2} s)",
        (read + built).as_secs_f64(),
        read.as_secs_f64(),
        built.as_secs_f64()
    );
    println!("  on disk {:.2} MB, of which the fst {:.2} MB", mb(on_disk as usize), mb(stats.fst_bytes));
    println!(
        "  in memory {:.2} MB counted (fst and tables); the process grows by {} reading it; read in {:.0} ms",
        mb(stats.memory_bytes),
        resident.map_or("?".to_owned(), |kb| format!("{:.2} MB", kb as f64 / 1000.0)),
        load.as_secs_f64() * 1000.0
    );

    let names = loaded.names();
    let mut random = Random(0x5eed_cafe_f00d_1234);
    let mix = mix(&loaded, &names, &mut random);
    // Warm the caches and the automata's builders first.
    for query in mix.iter().take(500) {
        std::hint::black_box(loaded.search(&query.1, 10));
    }
    let mut all = Times::default();
    let mut by_kind: Vec<(&str, Times)> = Vec::new();
    for (kind, query) in &mix {
        let (wall, cpu) = timed(|| loaded.search(query, 10));
        all.push(wall, cpu);
        if !by_kind.iter().any(|(k, _)| k == kind) {
            by_kind.push((kind, Times::default()));
        }
        if let Some((_, times)) = by_kind.iter_mut().find(|(k, _)| k == kind) {
            times.push(wall, cpu);
        }
    }
    println!("  search, {} queries with at most 10 answers each, one thread:", mix.len());
    all.print("all");
    for (kind, times) in &mut by_kind {
        times.print(kind);
    }
    let mut pairs = Times::default();
    for a in b'a'..=b'z' {
        for b in b'a'..=b'z' {
            let query = String::from_utf8(vec![a, b]).expect("ascii");
            let (wall, cpu) = timed(|| loaded.search(&query, 10));
            pairs.push(wall, cpu);
        }
    }
    pairs.print("every two letters (aa..zz)");
    let mut best = Times::default();
    for (_, query) in mix.iter().take(2000) {
        let (wall, cpu) = timed(|| loaded.best(query));
        best.push(wall, cpu);
    }
    best.print("best place for a free text");
    println!("  (load average then: {})", std::fs::read_to_string("/proc/loadavg").unwrap_or_default().trim());
}

/// Runs `f` once: the wall clock's time and the thread's CPU time.
fn timed<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    std::hint::black_box(f());
    (wall.elapsed(), thread_cpu().saturating_sub(cpu))
}

fn thread_cpu() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec into the one it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

#[derive(Default)]
struct Times {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Times {
    fn push(&mut self, wall: Duration, cpu: Duration) {
        self.wall.push(wall);
        self.cpu.push(cpu);
    }

    fn print(&mut self, what: &str) {
        println!("    {what:<28} wall {}", figures(&mut self.wall));
        println!("    {:<28} CPU  {}", "", figures(&mut self.cpu));
    }
}

/// Queries as visitors type them, from the index's own names: begun (two letters on), whole,
/// with one or two typos, "name, country", and misses.
fn mix(index: &Index, names: &[String], random: &mut Random) -> Vec<(&'static str, String)> {
    let mut mix = Vec::new();
    // Towns people look for are mostly big ones: half the names from the 2,000 most populous
    // places' own names, half from anywhere.
    let big: Vec<String> = {
        let mut places: Vec<_> = names
            .iter()
            .step_by(7)
            .filter_map(|name| index.search(name, 1).into_iter().next())
            .filter(|p| p.matched.is_none())
            .collect();
        places.sort_by_key(|p| std::cmp::Reverse(p.population));
        places.dedup_by(|a, b| a.id == b.id);
        places.into_iter().take(2000).map(|p| p.name).collect()
    };
    let pick = |random: &mut Random| -> String {
        if random.below(2) == 0 {
            big[random.below(big.len())].clone()
        } else {
            names[random.below(names.len())].clone()
        }
    };
    for _ in 0..8000 {
        let name = pick(random);
        let chars: Vec<char> = name.chars().collect();
        if chars.len() >= 2 {
            let typed = 2 + random.below(chars.len() - 1);
            mix.push(("begun (2 letters or more)", chars[..typed].iter().collect()));
        }
    }
    for _ in 0..4000 {
        mix.push(("whole", pick(random)));
    }
    for _ in 0..4000 {
        let name = pick(random);
        if name.chars().count() >= 4 {
            mix.push(("one typo", typo(&name, random)));
        }
    }
    for _ in 0..2000 {
        let name = pick(random);
        if name.chars().count() >= 8 {
            mix.push(("two typos", typo(&typo(&name, random), random)));
        }
    }
    for _ in 0..2000 {
        let name = pick(random);
        if let Some(place) = index.search(&name, 1).into_iter().next() {
            mix.push(("name, country", format!("{name}, {}", place.country_name)));
        }
    }
    for _ in 0..1000 {
        let length = 3 + random.below(10);
        mix.push(("no such place", (0..length).map(|_| (b'a' + random.below(26) as u8) as char).collect()));
    }
    // Interleaved, as visitors' queries come.
    for i in (1..mix.len()).rev() {
        mix.swap(i, random.below(i + 1));
    }
    mix
}

/// One typo: two letters swapped, one dropped, doubled or replaced.
fn typo(name: &str, random: &mut Random) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    let at = random.below(chars.len() - 1);
    match random.below(4) {
        0 => chars.swap(at, at + 1),
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, chars[at]),
        _ => chars[at] = (b'a' + random.below(26) as u8) as char,
    }
    chars.into_iter().collect()
}

fn figures(times: &mut [Duration]) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "p50 {:.3} ms  p90 {:.3} ms  p99 {:.3} ms  max {:.2} ms  ({})",
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(0.99)),
        ms(times[times.len() - 1]),
        times.len()
    )
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The process's resident memory in kB (Linux), 0 where unknown.
fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// xorshift64*: the same mix every run, without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}
