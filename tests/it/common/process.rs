//! The real binary as a separate server process, and a second server on the same database.

use super::*;

/// The `broadsheet` binary as a separate process, for command-line and signal tests.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub addr: SocketAddr,
    pub log: std::sync::Arc<std::sync::Mutex<String>>,
}

pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.env("NO_COLOR", "1")
        .env_remove("BROADSHEET_DATABASE_URL");
    cmd
}

impl ServerProcess {
    /// Starts `broadsheet serve` on an ephemeral port and waits until it says where it listens.
    pub fn start(database_url: &str, extra: &[&str]) -> ServerProcess {
        use std::io::BufRead;
        let mut child = bin()
            .args([
                "--log-format",
                "json",
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .args(extra)
            .arg("serve")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start broadsheet serve");
        let stderr = child.stderr.take().unwrap();
        let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let log2 = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(i) = line.find("serving on http://") {
                    let rest = &line[i + "serving on http://".len()..];
                    let addr: String = rest
                        .chars()
                        .take_while(|c| *c != '"' && !c.is_whitespace())
                        .collect();
                    let _ = tx.send(addr);
                }
                log2.lock().unwrap().push_str(&line);
                log2.lock().unwrap().push('\n');
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the server did not start:\n{}", log.lock().unwrap()));
        ServerProcess {
            child,
            addr: addr.parse().unwrap(),
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn signal(&self, sig: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{sig}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit, at most `limit`.
    pub fn wait(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if std::time::Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A second server on a test app's database, with its own in-memory state (page cache, live
/// hub, listeners): what another `broadsheet serve` process would have. Stops when dropped.
pub struct OtherServer {
    pub addr: SocketAddr,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl OtherServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl TestApp {
    pub async fn another_server(&self) -> OtherServer {
        self.another_server_with(|_| {}).await
    }

    /// Like [`TestApp::another_server`], with `tweak` applied to its configuration (e.g. to
    /// send mail to a test SMTP receiver).
    pub async fn another_server_with(&self, tweak: impl FnOnce(&mut Config)) -> OtherServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = Config::for_tests(&self.database_url);
        config.data_dir = self.data_dir.path().to_owned();
        config.base_url = format!("http://{addr}");
        config.comments_per_minute = 1000;
        tweak(&mut config);
        let store = Store::connect(
            &self.database_url,
            &ConnectOptions {
                max_connections: 4,
                ..Default::default()
            },
        )
        .await
        .expect("a second connection pool");
        let state = AppState::build(store, config, self.clock.clone())
            .await
            .expect("app state");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = web::serve(
                listener,
                state,
                async {
                    let _ = rx.await;
                },
                Duration::from_secs(1),
            )
            .await;
        });
        OtherServer { addr, _stop: tx }
    }
}
