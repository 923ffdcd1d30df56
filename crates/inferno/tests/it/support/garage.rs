//! Garage, the S3-compatible object store, started by a test on loopback
//! with a one-node layout, a bucket and a key of its own, in a temporary
//! directory; stopped (and its files removed) when dropped. The binary is
//! `INFERNO_GARAGE_BIN`, else the one `scripts/garage` builds.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The bucket the tests keep packs in.
pub const BUCKET: &str = "packs";

pub struct Garage {
    dir: tempfile::TempDir,
    child: Option<Child>,
    pub endpoint: String,
    key_id: String,
    secret: String,
}

/// Where `scripts/garage` puts the binary (its version pinned there).
pub fn binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("INFERNO_GARAGE_BIN") {
        return bin.into();
    }
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/garage/bin/garage");
    assert!(tools.exists(), "Garage is not built: run scripts/garage (it prints where it put the binary)");
    tools
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Garage {
    pub fn start() -> Garage {
        let dir = tempfile::tempdir().unwrap();
        let (rpc, s3, admin) = (free_port(), free_port(), free_port());
        let secret: String = (0..32).map(|i| format!("{:02x}", (i * 37 + rpc as usize) % 256)).collect();
        let config = format!(
            "metadata_dir = \"{d}/meta\"\ndata_dir = \"{d}/data\"\ndb_engine = \"sqlite\"\nreplication_factor = 1\n\
             rpc_bind_addr = \"127.0.0.1:{rpc}\"\nrpc_public_addr = \"127.0.0.1:{rpc}\"\nrpc_secret = \"{secret}\"\n\
             [s3_api]\ns3_region = \"garage\"\napi_bind_addr = \"127.0.0.1:{s3}\"\nroot_domain = \".s3.garage.localhost\"\n\
             [admin]\napi_bind_addr = \"127.0.0.1:{admin}\"\n",
            d = dir.path().display()
        );
        std::fs::write(dir.path().join("garage.toml"), config).unwrap();
        let mut g = Garage {
            child: None,
            endpoint: format!("http://127.0.0.1:{s3}"),
            key_id: String::new(),
            secret: String::new(),
            dir,
        };
        g.run_server();
        let id = g.cli(&["node", "id", "-q"]);
        let id = id.trim().split('@').next().unwrap().to_owned();
        g.cli(&["layout", "assign", "-z", "dc1", "-c", "1G", &id]);
        g.cli(&["layout", "apply", "--version", "1"]);
        g.cli(&["bucket", "create", BUCKET]);
        let key = g.cli(&["key", "create", "inferno-tests"]);
        let field = |name: &str| {
            key.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_owned())
                .unwrap_or_else(|| panic!("{key}"))
        };
        g.key_id = field("Key ID:");
        g.secret = field("Secret key:");
        g.cli(&["bucket", "allow", "--read", "--write", "--owner", BUCKET, "--key", "inferno-tests"]);
        g
    }

    fn config(&self) -> String {
        self.dir.path().join("garage.toml").to_str().unwrap().to_owned()
    }

    fn run_server(&mut self) {
        let child = Command::new(binary())
            .args(["-c", &self.config(), "server"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start garage");
        self.child = Some(child);
        let started = Instant::now();
        while Command::new(binary())
            .args(["-c", &self.config(), "status"])
            .output()
            .map_or(true, |o| !o.status.success())
        {
            assert!(started.elapsed() < Duration::from_secs(20), "Garage did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(binary()).args(["-c", &self.config()]).args(args).output().unwrap();
        assert!(out.status.success(), "garage {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Stops the server (its data stays, for [`Garage::restart`]).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    pub fn restart(&mut self) {
        self.stop();
        self.run_server();
    }

    /// The variables that point `object_store` at this Garage.
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT_URL", self.endpoint.as_str()),
            ("AWS_REGION", "garage"),
            ("AWS_ACCESS_KEY_ID", &self.key_id),
            ("AWS_SECRET_ACCESS_KEY", &self.secret),
            ("AWS_ALLOW_HTTP", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    fn client(&self) -> object_store::aws::AmazonS3 {
        object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_region("garage")
            .with_bucket_name(BUCKET)
            .with_access_key_id(&self.key_id)
            .with_secret_access_key(&self.secret)
            .with_allow_http(true)
            .build()
            .unwrap()
    }

    /// Writes an object into the bucket.
    pub async fn put(&self, name: &str, bytes: &[u8]) {
        use object_store::ObjectStoreExt;
        let path = object_store::path::Path::from(name);
        self.client().put(&path, bytes.to_vec().into()).await.unwrap();
    }

    /// Every object in the bucket, with its bytes.
    pub async fn objects(&self) -> Vec<(String, Vec<u8>)> {
        use futures_util::TryStreamExt;
        use object_store::ObjectStoreExt;
        let store = self.client();
        let listed: Vec<object_store::ObjectMeta> =
            object_store::ObjectStore::list(&store, None).try_collect().await.unwrap();
        let mut out = Vec::new();
        for m in listed {
            let bytes = store.get(&m.location).await.unwrap().bytes().await.unwrap();
            out.push((m.location.to_string(), bytes.to_vec()));
        }
        out
    }
}

impl Drop for Garage {
    fn drop(&mut self) {
        self.stop();
    }
}
