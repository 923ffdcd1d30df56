//! What the `age` crate alone encrypts on this machine: the yardstick of the
//! intake benchmark (`bench/intake.sh`). Streams SIZE_MIB (default 1024) MiB
//! through age's STREAM encryption to one X25519 recipient, into a sink, in
//! 64 KiB writes, and prints MiB/s. Run it with `--release`.

use std::io::Write;
use std::time::Instant;

fn main() {
    let mib: usize = std::env::var("SIZE_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let key = age::x25519::Identity::generate();
    let recipient = key.to_public();
    let chunk = vec![0x5au8; 64 * 1024];
    let start = Instant::now();
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
    let mut w = encryptor.wrap_output(std::io::sink()).unwrap();
    for _ in 0..mib * 16 {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap();
    let secs = start.elapsed().as_secs_f64();
    println!("age alone: {mib} MiB in {secs:.2} s = {:.0} MiB/s", mib as f64 / secs);
}
