//! What the `age` crate alone encrypts on this machine: the yardstick of the
//! intake benchmark (`bench/intake.sh`). Streams SIZE_MIB (default 1024) MiB
//! through age's STREAM encryption to one X25519 recipient in 64 KiB writes,
//! into a sink, or with a file argument into that file followed by an fsync
//! (what the disk allows), and prints MiB/s. Run it with `--release`.

use std::io::Write;
use std::time::Instant;

fn main() {
    let mib: usize = std::env::var("SIZE_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let target = std::env::args().nth(1);
    let key = age::x25519::Identity::generate();
    let recipient = key.to_public();
    let chunk = vec![0x5au8; 64 * 1024];
    let start = Instant::now();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
    let output: Box<dyn Write> = match &target {
        Some(path) => Box::new(std::io::BufWriter::with_capacity(64 * 1024, std::fs::File::create(path).unwrap())),
        None => Box::new(std::io::sink()),
    };
    let mut w = encryptor.wrap_output(output).unwrap();
    for _ in 0..mib * 16 {
        w.write_all(&chunk).unwrap();
    }
    drop(w.finish().unwrap());
    if let Some(path) = &target {
        std::fs::File::open(path).unwrap().sync_all().unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    let into = target.as_deref().map_or("a sink".to_owned(), |p| format!("{p}, fsynced"));
    println!("age alone into {into}: {mib} MiB in {secs:.2} s = {:.0} MiB/s", mib as f64 / secs);
}
